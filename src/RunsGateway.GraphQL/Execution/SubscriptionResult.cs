namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// The outcome of <see cref="RequestExecutor.SubscribeAsync"/>: either a request error (no stream is created) or a
/// response stream of execution results.
/// </summary>
public sealed class SubscriptionResult
{
    private SubscriptionResult(ExecutionResult? error, IAsyncEnumerable<ExecutionResult>? events)
    {
        Error = error;
        Events = events;
    }

    /// <summary>The request error (syntax, validation, variables, limits, or a failure creating the source stream); null for a stream.</summary>
    public ExecutionResult? Error { get; }

    /// <summary>The response stream; null when <see cref="Error"/> is set. Enumerate it once; disposing it ends the subscription.</summary>
    public IAsyncEnumerable<ExecutionResult>? Events { get; }

    /// <summary>True when the request failed before a stream was created.</summary>
    public bool IsRequestError => Error is not null;

    /// <summary>Creates a result for a request that failed before execution.</summary>
    public static SubscriptionResult FromError(ExecutionResult error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error, null);
    }

    /// <summary>Creates a result for a response stream.</summary>
    public static SubscriptionResult FromStream(IAsyncEnumerable<ExecutionResult> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new(null, events);
    }
}
