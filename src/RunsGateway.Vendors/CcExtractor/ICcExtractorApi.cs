using Refit;

namespace RunsGateway.Vendors.CcExtractor;

/// <summary>
/// The CCExtractor sample platform API (<c>Authorization: Bearer</c>, set on the vendor's <see cref="HttpClient"/>). Refit builds and
/// escapes the requests; <see cref="Http.VendorResponseReader"/> turns the answers into values or typed errors.
/// </summary>
internal interface ICcExtractorApi
{
    /// <summary><c>GET /runs/{run_id}</c>.</summary>
    [Get("/runs/{runId}")]
    Task<HttpResponseMessage> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary><c>GET /runs/{run_id}/summary</c>.</summary>
    [Get("/runs/{runId}/summary")]
    Task<HttpResponseMessage> GetSummaryAsync(string runId, CancellationToken cancellationToken);
}
