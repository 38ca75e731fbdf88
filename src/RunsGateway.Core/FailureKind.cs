namespace RunsGateway.Core;

/// <summary>Why a <see cref="TestStatus.Failed"/> test failed, when the vendor says more than "failed".</summary>
public enum FailureKind
{
    /// <summary>The test exceeded its time limit (NeetoPlaydash <c>timed_out</c>).</summary>
    TimedOut,

    /// <summary>The test was interrupted (NeetoPlaydash <c>interrupted</c>).</summary>
    Interrupted,
}
