using RunsGateway.Core;

namespace RunsGateway.Loading;

/// <summary>
/// The DataLoader key of a part of a loaded run (its summary or all its specs). It carries the run, which the vendor source needs,
/// but hashes and compares only the run's <see cref="RunRef"/> (three short fields) instead of the whole <see cref="Run"/> record;
/// within a request one reference always loads as one run object.
/// </summary>
internal readonly struct RunKey : IEquatable<RunKey>
{
    private RunKey(Run run) => Run = run;

    /// <summary>The loaded run.</summary>
    public Run Run { get; }

    /// <summary>The run's reference: the key's identity.</summary>
    public RunRef Ref => Run.Ref;

    /// <summary>Whether the run is finished by its vendor's strict rule, so its parts may be cached.</summary>
    public bool IsCacheable => Run.IsCacheable;

    /// <summary>A loaded run converts to the key of its parts.</summary>
    public static implicit operator RunKey(Run run) => Of(run);

    public static bool operator ==(RunKey left, RunKey right) => left.Equals(right);

    public static bool operator !=(RunKey left, RunKey right) => !left.Equals(right);

    /// <summary>The key of a loaded run's parts.</summary>
    public static RunKey Of(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunKey(run);
    }

    public bool Equals(RunKey other) => Ref.Equals(other.Ref);

    public override bool Equals(object? obj) => obj is RunKey other && Equals(other);

    public override int GetHashCode() => Ref.GetHashCode();

    public override string ToString() => Ref.Key;
}

/// <summary>A request for one upstream page of a run's specs, keyed by the run's reference (and its cacheability).</summary>
/// <param name="Run">The run.</param>
/// <param name="IsCacheable">Whether the run may be cached.</param>
/// <param name="PageNumber">The page number, from 1.</param>
/// <param name="Status">Only specs with tests of this status; null for all.</param>
internal readonly record struct SpecPageKey(RunRef Run, bool IsCacheable, int PageNumber, TestStatus? Status)
{
    /// <summary>The key of a page of a loaded run's specs.</summary>
    public SpecPageKey(Run run, int pageNumber, TestStatus? status)
        : this(run?.Ref!, run?.IsCacheable ?? false, pageNumber, status)
    {
        ArgumentNullException.ThrowIfNull(run);
    }
}
