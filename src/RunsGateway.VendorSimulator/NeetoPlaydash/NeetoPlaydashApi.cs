using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.NeetoPlaydash;

/// <summary>The NeetoPlaydash external API: GET /projects/{project_id}/runs/{run_id} with spec pagination, <c>X-Api-Key</c> auth.</summary>
internal sealed class NeetoPlaydashApi(
    NeetoPlaydashStore store,
    SimulatorClock clock,
    IOptions<VendorSimulatorOptions> options) : ISimulatedVendorApi
{
    public SimulatedVendor Vendor => SimulatedVendor.NeetoPlaydash;

    public string Prefix => SimulatorDefaults.NeetoPlaydashPrefix;

    public string? MatchTemplate(IReadOnlyList<string> segments) => segments switch
    {
        ["projects", _, "runs", _] => "/projects/{project_id}/runs/{run_id}",
        _ => null,
    };

    public bool IsAuthorized(HttpRequest request) => Credentials.HasApiKey(request, options.Value.NeetoPlaydash.ApiKey);

    public Task HandleAsync(HttpContext context, IReadOnlyList<string> segments, CancellationToken cancellationToken)
    {
        if (!AcceptsJson(context.Request))
        {
            return Write(context, StatusCodes.Status406NotAcceptable, "Only application/json is supported. Set the Accept header to application/json.", cancellationToken);
        }

        var (projectId, runId) = (segments[1], segments[3]);
        if (!NeetoPlaydashStore.ProjectExists(projectId))
        {
            return Write(context, StatusCodes.Status404NotFound, "Project not found.", cancellationToken);
        }

        if (store.Find(projectId, runId) is not { } run)
        {
            return Write(context, StatusCodes.Status404NotFound, "Run not found.", cancellationToken);
        }

        var query = context.Request.Query;
        string? status = query["status"];
        if (string.IsNullOrEmpty(status))
        {
            status = null;
        }
        else if (!NeetoPlaydashStore.TestStatuses.Contains(status))
        {
            return Write(
                context,
                StatusCodes.Status422UnprocessableEntity,
                $"Status must be one of {string.Join(", ", NeetoPlaydashStore.TestStatuses)}.",
                cancellationToken);
        }

        var page = PositiveInt(query["page"]) ?? 1;
        var pageSize = Math.Min(PositiveInt(query["page_size"]) ?? NeetoPlaydashStore.DefaultPageSize, NeetoPlaydashStore.MaxPageSize);
        var body = NeetoPlaydashStore.ToResponse(run, clock.Now, status, page, pageSize);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, body, SimulatorJson.Snake.NeetoRunResponse, cancellationToken);
    }

    public Task WriteErrorAsync(HttpContext context, int status, int? retryAfterSeconds, CancellationToken cancellationToken)
    {
        var message = status switch
        {
            401 => "Could not authenticate. Please provide a valid API key in the X-Api-Key header.",
            404 => "Not found.",
            405 => "Method not allowed.",
            429 => $"Too many requests. Please retry after {retryAfterSeconds ?? 1} seconds.",
            503 => "Service unavailable. Please try again later.",
            _ => "Something went wrong. Please try again later.",
        };
        return Write(context, status, message, cancellationToken);
    }

    /// <summary>Missing, <c>*/*</c>, <c>application/*</c> and <c>application/json</c> are all fine; only an Accept that excludes JSON is refused.</summary>
    private static bool AcceptsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var types) || types.Count == 0)
        {
            return request.Headers.Accept.Count == 0;
        }

        return types.Any(t => t.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || t.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            || t.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A positive integer, or null when the value is absent or invalid (the endpoint's default applies).</summary>
    private static int? PositiveInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 ? value : null;

    private static Task Write(HttpContext context, int status, string message, CancellationToken cancellationToken) =>
        JsonResponses.WriteAsync(context, status, new NeetoErrorResponse(message), SimulatorJson.Snake.NeetoErrorResponse, cancellationToken);
}
