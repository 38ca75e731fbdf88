using System.ComponentModel.DataAnnotations;

namespace RunsGateway.Loading;

/// <summary>
/// Per-request limits on upstream work (configuration section <c>GraphQL:Execution</c>, beside the engine's own limits): how many
/// distinct vendor resources one request may cost, and how many of a vendor's concurrent calls one request may hold.
/// </summary>
public sealed class RequestBudgetOptions
{
    /// <summary>The configuration section (shared with the engine's <c>ExecutionOptions</c>).</summary>
    public const string SectionName = "GraphQL:Execution";

    /// <summary>
    /// The most distinct upstream resources (runs, summaries, spec pages, spec lists) one request may cost; fields past it fail with
    /// <c>REQUEST_BUDGET_EXCEEDED</c>. Root fields count the runs they name before any call is made; nested fields count as they load.
    /// </summary>
    /// <value>The default value is 200.</value>
    [Range(1, 100_000)]
    public int MaxUpstreamCalls { get; set; } = 200;

    /// <summary>
    /// The most vendor calls one request may have in flight per vendor at once, so that one request cannot take all of a vendor's
    /// concurrency (<c>Vendors:&lt;Name&gt;:MaxConcurrentRequests</c>, 16 by default) while other requests wait.
    /// </summary>
    /// <value>The default value is 4 (a quarter of a vendor's default 16 slots).</value>
    [Range(1, 1_000)]
    public int MaxVendorCallsPerRequest { get; set; } = 4;
}
