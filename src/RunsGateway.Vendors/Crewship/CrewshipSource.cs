using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.Crewship;

/// <summary>Crewship runs: no summary, specs or tests.</summary>
internal sealed class CrewshipSource(IServiceProvider services, IOptions<CrewshipOptions> options, TimeProvider timeProvider, VendorTelemetry telemetry) : IVendorSource
{
    public const string HttpClientName = "RunsGateway.Vendors.Crewship";

    private readonly Lazy<ICrewshipApi> _api = new(services.GetRequiredService<ICrewshipApi>);

    public Vendor Vendor => Vendor.Crewship;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var checkedRef = RefGuard.CheckCallable(runRef, Vendor, options.Value.IsConfigured);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<Run>(checkedRef.Error);
        }

        var dto = await VendorResponseReader.ReadAsync(
            Vendor, ct => _api.Value.GetRunAsync(checkedRef.Value.RunId, ct), CrewshipJsonContext.Default.CrewshipRunDto, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken).ConfigureAwait(false);
        return dto.IsSuccess ? CrewshipMapper.MapRun(checkedRef.Value, dto.Value) : Result.Failure<Run>(dto.Error);
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

    /// <summary>Reads <c>{"error": {"message"}}</c> and the older <c>{"error": {code, message, details}}</c>.</summary>
    internal static VendorErrorBody ParseError(ReadOnlyMemory<byte> body)
    {
        var dto = JsonSerializer.Deserialize(body.Span, CrewshipJsonContext.Default.CrewshipErrorDto);
        return new VendorErrorBody(dto?.Error?.Code, dto?.Error?.Message, null);
    }
}
