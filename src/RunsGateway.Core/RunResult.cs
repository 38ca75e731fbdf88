namespace RunsGateway.Core;

/// <summary>The outcome of a run so far (final only when the run is <see cref="RunState.Finished"/>).</summary>
public enum RunResult
{
    /// <summary>No outcome yet.</summary>
    Pending,

    /// <summary>Passed (or passing so far while running).</summary>
    Passed,

    /// <summary>Failed (or failing so far while running).</summary>
    Failed,

    /// <summary>Canceled. For CCExtractor this also covers infrastructure errors: the vendor does not distinguish them.</summary>
    Canceled,

    /// <summary>Stopped because it exceeded its time limit.</summary>
    TimedOut,

    /// <summary>Interrupted before completion.</summary>
    Interrupted,

    /// <summary>Completed without test results (CCExtractor <c>error</c>).</summary>
    Error,

    /// <summary>The vendor reported a status the mapping does not know.</summary>
    Unknown,
}
