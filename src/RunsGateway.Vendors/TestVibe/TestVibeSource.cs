using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.TestVibe;

/// <summary>TestVibe runs: summary, the single feature spec and its tests all come with the run.</summary>
internal sealed class TestVibeSource(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, VendorTelemetry telemetry) : IVendorSource
{
    public const string HttpClientName = "RunsGateway.Vendors.TestVibe";

    public Vendor Vendor => Vendor.TestVibe;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var dto = await Client().GetRunAsync(runRef, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? TestVibeMapper.MapRun(RefGuard.Check(runRef, Vendor).Value, dto.Value) : Result.Failure<Run>(dto.Error);
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

    private TestVibeClient Client() => new(httpClientFactory.CreateClient(HttpClientName), timeProvider, telemetry);
}
