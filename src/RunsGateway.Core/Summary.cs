namespace RunsGateway.Core;

/// <summary>Aggregate test counts of a run, as the vendor reports them (never computed by counting a paginated or filtered list).</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record Summary
{
    /// <summary>Total tests (CCExtractor samples).</summary>
    public required int Total { get; init; }

    /// <summary>Passed tests (NeetoPlaydash: Passed + Flaky).</summary>
    public required int Passed { get; init; }

    /// <summary>Failed tests (CCExtractor <c>fail_count</c>, never <c>test.failed</c>; NeetoPlaydash: Failed + Timed out + Interrupted).</summary>
    public required int Failed { get; init; }

    /// <summary>Skipped tests, where the vendor counts them.</summary>
    public int? Skipped { get; init; }

    /// <summary>Pending tests, where the vendor counts them (none of the four does today).</summary>
    public int? Pending { get; init; }

    /// <summary>Tests in any other state, where the vendor counts them.</summary>
    public int? Other { get; init; }

    /// <summary>Flaky tests (NeetoPlaydash), already included in <see cref="Passed"/>.</summary>
    public int? Flaky { get; init; }

    /// <summary>Samples that produced no output when output was expected (CCExtractor).</summary>
    public int? MissingOutput { get; init; }

    /// <summary>Errored samples (CCExtractor).</summary>
    public int? ErrorCount { get; init; }

    /// <summary>Sum of the test runtimes in whole milliseconds (CCExtractor summary <c>duration_ms</c>), not wall-clock time.</summary>
    public long? DurationMs { get; init; }

    /// <summary>Whether the run is finished, so these counts will not change.</summary>
    public required bool IsFinal { get; init; }
}
