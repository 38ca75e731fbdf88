using System.ComponentModel.DataAnnotations;

namespace RunsGateway.Hosting.Auth;

/// <summary>
/// Per-client rate limits on GraphQL operations (configuration section <c>Gateway:RateLimit</c>), per API-key name, JWT subject or
/// client address: a count of operations per fixed window (<see cref="PermitLimit"/>) and a budget of cost points
/// (<see cref="CostLimit"/>: what the operations used, upstream resources and result items). Past either a request gets 429 with
/// <c>Retry-After</c> and a JSON body (code <c>RATE_LIMITED</c>).
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

    /// <summary>
    /// Cost points one client may spend per <see cref="Window"/>, refilled continuously; 0 turns cost limiting off. An operation
    /// costs 1, plus 1 per upstream resource it counted against <c>GraphQL:Execution:MaxUpstreamCalls</c> (every run a root field names, cached
    /// or not, and the nested resources it fetched),
    /// plus 1 per <see cref="ItemsPerPoint"/> list items in its response (<c>MaxResultItems</c> when it failed as too large). Its cost is
    /// known when it ends and is then taken from the client's points, which may go below zero: a client is refused while it has
    /// none left, and told when it will have one again.
    /// </summary>
    /// <value>The default value is 0 (off).</value>
    [Range(0, int.MaxValue)]
    public int CostLimit { get; set; }

    /// <summary>How many list items of a response cost one point.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, int.MaxValue)]
    public int ItemsPerPoint { get; set; } = 100;

    /// <summary>
    /// <see cref="CostLimit"/> for named clients (<c>Gateway:RateLimit:Clients:&lt;name&gt;</c>, the name an API-key name, a JWT
    /// subject or an IPv4 address); 0 exempts the client.
    /// </summary>
    /// <value>The default value is no overrides.</value>
    public IDictionary<string, int> Clients { get; } = new Dictionary<string, int>(StringComparer.Ordinal);
}
