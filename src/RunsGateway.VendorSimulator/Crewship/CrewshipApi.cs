using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.Crewship;

/// <summary>The Crewship API: GET /runs/{id}, bearer auth with the API key.</summary>
internal sealed class CrewshipApi(
    CrewshipStore store,
    SimulatorClock clock,
    IOptions<VendorSimulatorOptions> options) : ISimulatedVendorApi
{
    public SimulatedVendor Vendor => SimulatedVendor.Crewship;

    public string Prefix => SimulatorDefaults.CrewshipPrefix;

    public string? MatchTemplate(IReadOnlyList<string> segments) => segments switch
    {
        ["runs", _] => "/runs/{id}",
        _ => null,
    };

    public bool IsAuthorized(HttpRequest request) => Credentials.HasBearer(request, options.Value.Crewship.ApiKey);

    public Task HandleAsync(HttpContext context, IReadOnlyList<string> segments, CancellationToken cancellationToken)
    {
        if (store.Find(segments[1]) is not { } run)
        {
            return WriteErrorAsync(context, StatusCodes.Status404NotFound, null, cancellationToken);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, CrewshipStore.ToResponse(run, clock.Now), SimulatorJson.Snake.CrewRunResponse, cancellationToken);
    }

    public Task WriteErrorAsync(HttpContext context, int status, int? retryAfterSeconds, CancellationToken cancellationToken)
    {
        var (code, message) = status switch
        {
            401 => ("unauthorized", "Invalid or missing API key"),
            404 => ("not_found", "Run not found"),
            405 => ("method_not_allowed", "Method not allowed"),
            429 => ("rate_limited", $"Rate limit exceeded, retry after {retryAfterSeconds ?? 1} seconds"),
            503 => ("service_unavailable", "Service temporarily unavailable"),
            >= 500 => ("internal_error", "Internal server error"),
            _ => ("bad_request", "Bad request"),
        };
        var json = SimulatorJson.Snake;
        return options.Value.Crewship.LegacyErrorBodies
            ? JsonResponses.WriteAsync(context, status, new CrewLegacyErrorResponse(new CrewLegacyError(code, message, [])), json.CrewLegacyErrorResponse, cancellationToken)
            : JsonResponses.WriteAsync(context, status, new CrewErrorResponse(new CrewError(message)), json.CrewErrorResponse, cancellationToken);
    }
}
