namespace RunsGateway.Core;

/// <summary>Where a run is in its lifecycle.</summary>
public enum RunState
{
    /// <summary>Accepted but not started.</summary>
    Queued,

    /// <summary>Executing; its result is only the outcome so far.</summary>
    Running,

    /// <summary>Done; the result is final.</summary>
    Finished,

    /// <summary>The vendor reported a status the mapping does not know; <see cref="Run.RawStatus"/> keeps it.</summary>
    Unknown,
}
