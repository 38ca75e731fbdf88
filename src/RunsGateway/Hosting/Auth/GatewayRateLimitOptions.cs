using System.ComponentModel.DataAnnotations;

namespace RunsGateway.Hosting.Auth;

/// <summary>
/// Per-client rate limits on GraphQL operations (configuration section <c>Gateway:RateLimit</c>): a fixed window per API-key name,
/// JWT subject or client address. Past it a request gets 429 with <c>Retry-After</c> and a JSON body (code <c>RATE_LIMITED</c>).
/// </summary>
public sealed class GatewayRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:RateLimit";

    /// <summary>Operations one client may run per <see cref="Window"/>; 0 turns rate limiting off.</summary>
    /// <value>The default value is 0 (off).</value>
    [Range(0, int.MaxValue)]
    public int PermitLimit { get; set; }

    /// <summary>The length of one window.</summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
