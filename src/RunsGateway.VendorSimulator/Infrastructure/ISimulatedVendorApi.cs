namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>One simulated vendor API behind its path prefix: routing, auth, error bodies and the handlers.</summary>
internal interface ISimulatedVendorApi
{
    SimulatedVendor Vendor { get; }

    /// <summary>The path prefix, e.g. <c>/ccextractor/api/v1</c>.</summary>
    string Prefix { get; }

    /// <summary>The documented route template the path segments (after the prefix) match, e.g. <c>/runs/{id}</c>, or null.</summary>
    string? MatchTemplate(IReadOnlyList<string> segments);

    bool IsAuthorized(HttpRequest request);

    /// <summary>Writes the vendor's own error body for a status (401, 404, 429, anything else as the default error).</summary>
    Task WriteErrorAsync(HttpContext context, int status, int? retryAfterSeconds, CancellationToken cancellationToken);

    /// <summary>Answers a GET whose segments matched a template and whose credential was accepted.</summary>
    Task HandleAsync(HttpContext context, IReadOnlyList<string> segments, CancellationToken cancellationToken);
}
