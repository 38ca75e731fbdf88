using Refit;

namespace RunsGateway.Vendors.NeetoPlaydash;

/// <summary>The NeetoPlaydash external API (<c>X-Api-Key</c>, set on the vendor's <see cref="HttpClient"/>).</summary>
internal interface INeetoPlaydashApi
{
    /// <summary><c>GET /projects/{project_id}/runs/{run_id}?page=&amp;page_size=&amp;status=</c>: the run with one page of specs (a null status is left out).</summary>
    [Get("/projects/{projectId}/runs/{runId}")]
    Task<HttpResponseMessage> GetRunAsync(
        string projectId,
        string runId,
        int page,
        [AliasAs("page_size")] int pageSize,
        string? status,
        CancellationToken cancellationToken);
}
