using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.CcExtractor;

/// <summary>CCExtractor runs: the summary is a separate call, made only when asked for; no specs or tests.</summary>
internal sealed class CcExtractorSource(IServiceProvider services, IOptions<CcExtractorOptions> options, TimeProvider timeProvider, VendorTelemetry telemetry) : IVendorSource
{
    public const string HttpClientName = "RunsGateway.Vendors.CcExtractor";

    private readonly Lazy<ICcExtractorApi> _api = new(services.GetRequiredService<ICcExtractorApi>);

    public Vendor Vendor => Vendor.CcExtractor;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var checkedRef = RefGuard.CheckCallable(runRef, Vendor, options.Value.IsConfigured);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<Run>(checkedRef.Error);
        }

        var dto = await VendorResponseReader.ReadAsync(
            Vendor, ct => _api.Value.GetRunAsync(checkedRef.Value.RunId, ct), CcExtractorJsonContext.Default.CcExtractorRunDto, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? CcExtractorMapper.MapRun(checkedRef.Value, dto.Value) : Result.Failure<Run>(dto.Error);
    }

    public async Task<Result<Summary?>> GetSummaryAsync(Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var checkedRef = RefGuard.CheckCallable(run.Ref, Vendor, options.Value.IsConfigured);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<Summary?>(checkedRef.Error);
        }

        var dto = await VendorResponseReader.ReadAsync(
            Vendor, ct => _api.Value.GetSummaryAsync(checkedRef.Value.RunId, ct), CcExtractorJsonContext.Default.CcExtractorSummaryDto, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? CcExtractorMapper.MapSummary(dto.Value, run.IsCacheable) : Result.Failure<Summary?>(dto.Error);
    }

    public async Task<Result<SpecPage>> GetSpecPageAsync(SpecPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = await GetRunAsync(request.Ref, cancellationToken).ConfigureAwait(false);
        return run.Map(_ => SpecPages.CompletePage([], request.PageNumber));
    }

    public async Task<Result<IReadOnlyList<Spec>>> GetAllSpecsAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        // The documented API has no test-level data; loading the run still reports a missing run as NotFound.
        var run = await GetRunAsync(runRef, cancellationToken).ConfigureAwait(false);
        return run.Map<IReadOnlyList<Spec>>(_ => []);
    }

    /// <summary>Reads <c>{code, message, details}</c>; a 429 may carry <c>details.retry_after</c> in seconds.</summary>
    internal static VendorErrorBody ParseError(ReadOnlyMemory<byte> body)
    {
        var dto = JsonSerializer.Deserialize(body.Span, CcExtractorJsonContext.Default.CcExtractorErrorDto);
        TimeSpan? retryAfter = null;
        if (dto?.Details is { ValueKind: JsonValueKind.Object } details
            && details.TryGetProperty("retry_after", out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var seconds)
            && seconds >= 0)
        {
            retryAfter = TimeSpan.FromSeconds(seconds);
        }

        return new VendorErrorBody(dto?.Code, dto?.Message, retryAfter);
    }
}
