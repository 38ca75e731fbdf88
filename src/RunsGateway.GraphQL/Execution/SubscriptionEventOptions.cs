namespace RunsGateway.GraphQL.Execution;

/// <summary>How the response events of a subscription field are made from its source events.</summary>
[Flags]
public enum SubscriptionEventOptions
{
    /// <summary>One response event per source event, executed for each subscription on its own (spec 6.2.3.2).</summary>
    None = 0,

    /// <summary>
    /// A response event equal to the last one sent on the same subscription is not sent: a subscriber hears only of changes
    /// to what it selected.
    /// </summary>
    SkipUnchanged = 1,

    /// <summary>
    /// The selection's result depends only on the source event and the operation (document, operation name and variables),
    /// never on per-request state, so subscriptions with the same operation that receive the same event object share one
    /// execution of it.
    /// </summary>
    ShareExecution = 2,
}
