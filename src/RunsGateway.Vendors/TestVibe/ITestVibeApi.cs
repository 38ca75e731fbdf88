using Refit;

namespace RunsGateway.Vendors.TestVibe;

/// <summary>The TestVibe ops API (<c>Authorization: Bearer</c>, set on the vendor's <see cref="HttpClient"/>).</summary>
internal interface ITestVibeApi
{
    /// <summary><c>GET /projects/{project}/runs/{runId}</c>.</summary>
    [Get("/projects/{project}/runs/{runId}")]
    Task<HttpResponseMessage> GetRunAsync(string project, string runId, CancellationToken cancellationToken);
}
