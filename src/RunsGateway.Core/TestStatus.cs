namespace RunsGateway.Core;

/// <summary>A test's status in the CTRF vocabulary.</summary>
public enum TestStatus
{
    /// <summary>Passed (including a flaky test that passed in the end).</summary>
    Passed,

    /// <summary>Failed (including timed-out and interrupted tests; see <see cref="Test.FailureKind"/>).</summary>
    Failed,

    /// <summary>Skipped.</summary>
    Skipped,

    /// <summary>Not run yet.</summary>
    Pending,

    /// <summary>Any other vendor value; <see cref="Test.RawStatus"/> keeps it.</summary>
    Other,
}
