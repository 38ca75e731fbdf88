using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.CcExtractor;

/// <summary>The CCExtractor sample platform API: GET /runs/{run_id} and GET /runs/{run_id}/summary, bearer auth.</summary>
internal sealed class CcExtractorApi(
    CcExtractorStore store,
    SimulatorClock clock,
    TimeProvider time,
    IOptions<VendorSimulatorOptions> options) : ISimulatedVendorApi
{
    /// <summary>The documented example's limit: 120 requests per 60 s window.</summary>
    public const int RateLimit = 120;

    public SimulatedVendor Vendor => SimulatedVendor.CcExtractor;

    public string Prefix => SimulatorDefaults.CcExtractorPrefix;

    public string? MatchTemplate(IReadOnlyList<string> segments) => segments switch
    {
        ["runs", _] => "/runs/{id}",
        ["runs", _, "summary"] => "/runs/{id}/summary",
        _ => null,
    };

    public bool IsAuthorized(HttpRequest request) => Credentials.HasBearer(request, options.Value.CcExtractor.Token);

    public Task HandleAsync(HttpContext context, IReadOnlyList<string> segments, CancellationToken cancellationToken)
    {
        var raw = segments[1];
        var isInteger = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var runId);
        if (!isInteger || store.Find(runId) is not { } run)
        {
            var details = isInteger ? new JsonObject { ["resource"] = "run", ["id"] = runId } : [];
            return Write(context, StatusCodes.Status404NotFound, new CcErrorResponse("not_found", $"Run {raw} not found.", details), cancellationToken);
        }

        var now = clock.Now;
        var json = SimulatorJson.Snake;
        if (segments.Count == 3)
        {
            return run.CurrentCodeShape
                ? JsonResponses.WriteAsync(context, 200, CcExtractorStore.ToCurrentCodeSummary(run, now), json.CcSummaryCurrentCodeResponse, cancellationToken)
                : JsonResponses.WriteAsync(context, 200, CcExtractorStore.ToSummary(run, now), json.CcSummaryResponse, cancellationToken);
        }

        return run.CurrentCodeShape
            ? JsonResponses.WriteAsync(context, 200, CcExtractorStore.ToCurrentCodeResponse(run, now), json.CcRunCurrentCodeResponse, cancellationToken)
            : JsonResponses.WriteAsync(context, 200, CcExtractorStore.ToResponse(run, now), json.CcRunResponse, cancellationToken);
    }

    public Task WriteErrorAsync(HttpContext context, int status, int? retryAfterSeconds, CancellationToken cancellationToken)
    {
        var body = status switch
        {
            401 => new CcErrorResponse("unauthorized", "Bearer token is missing, expired, or invalid.", []),
            404 => new CcErrorResponse("not_found", "Resource not found.", []),
            429 => RateLimited(context, retryAfterSeconds ?? 1),
            _ => new CcErrorResponse(DefaultCode(status), DefaultMessage(status, context.Request.Method), []),
        };
        return Write(context, status, body, cancellationToken);
    }

    private CcErrorResponse RateLimited(HttpContext context, int retryAfter)
    {
        var headers = context.Response.Headers;
        headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        headers.TryAdd("X-RateLimit-Limit", RateLimit.ToString(CultureInfo.InvariantCulture));
        headers["X-RateLimit-Remaining"] = "0";
        headers.TryAdd("X-RateLimit-Reset", time.GetUtcNow().AddSeconds(retryAfter).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return new CcErrorResponse(
            "rate_limited",
            $"Rate limit exceeded. Retry after {retryAfter} seconds.",
            new JsonObject { ["retry_after"] = retryAfter, ["limit"] = RateLimit, ["window"] = "60s" });
    }

    private static string DefaultCode(int status) => status switch
    {
        400 => "bad_request",
        403 => "forbidden",
        405 => "method_not_allowed",
        502 => "bad_gateway",
        503 => "service_unavailable",
        504 => "gateway_timeout",
        >= 500 => "internal_error",
        _ => "http_" + status.ToString(CultureInfo.InvariantCulture),
    };

    private static string DefaultMessage(int status, string method) => status switch
    {
        405 => $"Method {method} is not allowed.",
        503 => "The service is temporarily unavailable.",
        >= 500 => "Unexpected server error.",
        _ => "The request could not be processed.",
    };

    private static Task Write(HttpContext context, int status, CcErrorResponse body, CancellationToken cancellationToken) =>
        JsonResponses.WriteAsync(context, status, body, SimulatorJson.Snake.CcErrorResponse, cancellationToken);
}
