using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.Crewship;

/// <summary>Crewship runs: no summary, specs or tests.</summary>
internal sealed class CrewshipSource(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, VendorTelemetry telemetry) : IVendorSource
{
    public const string HttpClientName = "RunsGateway.Vendors.Crewship";

    public Vendor Vendor => Vendor.Crewship;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var dto = await Client().GetRunAsync(runRef, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? CrewshipMapper.MapRun(RefGuard.Check(runRef, Vendor).Value, dto.Value) : Result.Failure<Run>(dto.Error);
    }

    public Task<Result<Summary?>> GetSummaryAsync(Run run, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success<Summary?>(null));

    public async Task<Result<SpecPage>> GetSpecPageAsync(SpecPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = await GetRunAsync(request.Ref, cancellationToken).ConfigureAwait(false);
        return run.Map(_ => SpecPages.CompletePage([], request.PageNumber));
    }

    public async Task<Result<IReadOnlyList<Spec>>> GetAllSpecsAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(runRef, cancellationToken).ConfigureAwait(false);
        return run.Map<IReadOnlyList<Spec>>(_ => []);
    }

    private CrewshipClient Client() => new(httpClientFactory.CreateClient(HttpClientName), timeProvider, telemetry);
}
