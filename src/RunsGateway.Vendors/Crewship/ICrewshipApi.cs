using Refit;

namespace RunsGateway.Vendors.Crewship;

/// <summary>The Crewship API (<c>Authorization: Bearer</c>, set on the vendor's <see cref="HttpClient"/>).</summary>
internal interface ICrewshipApi
{
    /// <summary><c>GET /runs/{id}</c>.</summary>
    [Get("/runs/{id}")]
    Task<HttpResponseMessage> GetRunAsync(string id, CancellationToken cancellationToken);
}
