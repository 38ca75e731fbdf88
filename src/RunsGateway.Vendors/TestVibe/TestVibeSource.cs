using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.TestVibe;

/// <summary>TestVibe runs: summary, the single feature spec and its tests all come with the run.</summary>
internal sealed class TestVibeSource(IServiceProvider services, IOptions<TestVibeOptions> options, TimeProvider timeProvider, VendorTelemetry telemetry) : IVendorSource
{
    public const string HttpClientName = "RunsGateway.Vendors.TestVibe";

    private readonly Lazy<ITestVibeApi> _api = new(services.GetRequiredService<ITestVibeApi>);

    public Vendor Vendor => Vendor.TestVibe;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var checkedRef = RefGuard.CheckCallable(runRef, Vendor, options.Value.IsConfigured);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<Run>(checkedRef.Error);
        }

        var dto = await VendorResponseReader.ReadAsync(
            Vendor, ct => _api.Value.GetRunAsync(checkedRef.Value.Project!, checkedRef.Value.RunId, ct), TestVibeJsonContext.Default.TestVibeRunDto, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken)
            .ConfigureAwait(false);
        return dto.IsSuccess ? TestVibeMapper.MapRun(checkedRef.Value, dto.Value) : Result.Failure<Run>(dto.Error);
    }

    public Task<Result<Summary?>> GetSummaryAsync(Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Task.FromResult(Result.Success(run.Summary));
    }

    public async Task<Result<SpecPage>> GetSpecPageAsync(SpecPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var specs = await GetAllSpecsAsync(request.Ref, cancellationToken).ConfigureAwait(false);
        return specs.Map(all => SpecPages.CompletePage(SpecPages.FilterSpecs(all, request.Status), request.PageNumber));
    }

    public async Task<Result<IReadOnlyList<Spec>>> GetAllSpecsAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(runRef, cancellationToken).ConfigureAwait(false);
        return run.Map(r => r.FirstSpecPage.Items);
    }

    /// <summary>Reads <c>{"error": "&lt;code&gt;", "message": …}</c>.</summary>
    internal static VendorErrorBody ParseError(ReadOnlyMemory<byte> body)
    {
        var dto = JsonSerializer.Deserialize(body.Span, TestVibeJsonContext.Default.TestVibeErrorDto);
        return dto?.Message is null ? new VendorErrorBody(dto?.Error, dto?.Error, null) : new VendorErrorBody(dto.Error, dto.Message, null);
    }
}
