using System.Globalization;
using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.TestVibe;

/// <summary>The TestVibe ops API: GET /projects/{project}/runs/{runId}, bearer auth with the API key.</summary>
internal sealed class TestVibeApi(
    TestVibeStore store,
    SimulatorClock clock,
    IOptions<VendorSimulatorOptions> options) : ISimulatedVendorApi
{
    public SimulatedVendor Vendor => SimulatedVendor.TestVibe;

    public string Prefix => SimulatorDefaults.TestVibePrefix;

    public string? MatchTemplate(IReadOnlyList<string> segments) => segments switch
    {
        ["projects", _, "runs", _] => "/projects/{project}/runs/{runId}",
        _ => null,
    };

    public bool IsAuthorized(HttpRequest request) => Credentials.HasBearer(request, options.Value.TestVibe.ApiKey);

    public Task HandleAsync(HttpContext context, IReadOnlyList<string> segments, CancellationToken cancellationToken)
    {
        if (!int.TryParse(segments[3], NumberStyles.None, CultureInfo.InvariantCulture, out var runId) || store.Find(segments[1], runId) is not { } run)
        {
            return WriteErrorAsync(context, StatusCodes.Status404NotFound, null, cancellationToken);
        }

        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, TestVibeStore.ToResponse(run, clock.Now), SimulatorJson.Camel.TvRunResponse, cancellationToken);
    }

    public Task WriteErrorAsync(HttpContext context, int status, int? retryAfterSeconds, CancellationToken cancellationToken)
    {
        var body = status switch
        {
            401 => new TvErrorResponse("unauthorized", "Missing or invalid API key."),
            404 => new TvErrorResponse("not_found", "No such run in this project."),
            405 => new TvErrorResponse("method_not_allowed", "Only GET is supported on this resource."),
            429 => new TvErrorResponse("rate_limited", $"Too many requests; retry after {retryAfterSeconds ?? 1} seconds."),
            503 => new TvErrorResponse("service_unavailable", "The service is temporarily unavailable."),
            >= 500 => new TvErrorResponse("internal_error", "Unexpected server error."),
            _ => new TvErrorResponse("bad_request", "The request could not be processed."),
        };
        return JsonResponses.WriteAsync(context, status, body, SimulatorJson.Camel.TvErrorResponse, cancellationToken);
    }
}
