namespace RunsGateway.Core;

/// <summary>One test result.</summary>
public sealed record Test
{
    /// <summary>The vendor's test id (NeetoPlaydash <c>test_id</c>) or a stable id derived from run, position and name (TestVibe).</summary>
    public required string Id { get; init; }

    /// <summary>The spec this test belongs to.</summary>
    public required string SpecId { get; init; }

    /// <summary>The test's title.</summary>
    public required string Name { get; init; }

    /// <summary>The CTRF status.</summary>
    public required TestStatus Status { get; init; }

    /// <summary>The vendor's own status value, unchanged.</summary>
    public required string RawStatus { get; init; }

    /// <summary>Whether the test was flaky (passed after retries).</summary>
    public bool Flaky { get; init; }

    /// <summary>Why a failed test failed, when the vendor says (timed out, interrupted).</summary>
    public FailureKind? FailureKind { get; init; }

    /// <summary>Duration in whole milliseconds (NeetoPlaydash seconds × 1000, rounded).</summary>
    public long? DurationMs { get; init; }

    /// <summary>The failure message (TestVibe <c>error</c>).</summary>
    public string? Message { get; init; }

    /// <summary>Whether <see cref="Message"/> was cut by the vendor (TestVibe trims at 1,500 characters); null where the vendor has no messages.</summary>
    public bool? MessageTruncated { get; init; }
}
