using System.ComponentModel.DataAnnotations;

namespace RunsGateway.Loading;

/// <summary>
/// Per-request limits on upstream work (configuration section <c>GraphQL:Execution</c>, beside the engine's own limits): how many
/// distinct vendor resources one request may cost, and how many of a vendor's concurrent calls one request may hold while other
/// requests wait for them.
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
    /// One request's share of a vendor's concurrent calls (<c>Vendors:&lt;Name&gt;:MaxConcurrentRequests</c>, 16 by default) while
    /// other requests wait for them: a request alone may use every free slot, but while another request waits it gets no slot beyond
    /// this many, and a freed slot goes to the waiting request that holds the fewest.
    /// </summary>
    /// <value>The default value is 4 (a quarter of a vendor's default 16 slots).</value>
    [Range(1, 1_000)]
    public int MaxVendorCallsPerRequest { get; set; } = 4;
}
