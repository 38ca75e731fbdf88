using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.CcExtractor;

/// <summary>CCExtractor runs: the summary is a separate call, made only when asked for; no specs or tests.</summary>
internal sealed class CcExtractorSource(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, VendorTelemetry telemetry) : IVendorSource
{
    public const string HttpClientName = "RunsGateway.Vendors.CcExtractor";

    public Vendor Vendor => Vendor.CcExtractor;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var dto = await Client().GetRunAsync(runRef, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? CcExtractorMapper.MapRun(RefGuard.Check(runRef, Vendor).Value, dto.Value) : Result.Failure<Run>(dto.Error);
    }

    public async Task<Result<Summary?>> GetSummaryAsync(Run run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var dto = await Client().GetSummaryAsync(run.Ref, cancellationToken).ConfigureAwait(false);
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

    private CcExtractorClient Client() => new(httpClientFactory.CreateClient(HttpClientName), timeProvider, telemetry);
}
