namespace RunsGateway.Core;

/// <summary>A cache of finished runs (only runs with <see cref="Run.IsCacheable"/>); implemented by the gateway.</summary>
public interface IRunCache
{
    /// <summary>Looks up many runs at once; one entry per reference in the same order, null on a miss.</summary>
    Task<IReadOnlyList<CachedRun?>> GetManyAsync(IReadOnlyList<RunRef> refs, CancellationToken cancellationToken);

    /// <summary>Stores a finished run; the implementation picks the lifetime per vendor and ignores runs that are not cacheable.</summary>
    Task SetAsync(CachedRun run, CancellationToken cancellationToken);

    /// <summary>Removes a run; returns whether it was cached.</summary>
    Task<bool> RemoveAsync(RunRef runRef, CancellationToken cancellationToken);
}

/// <summary>A finished run with everything the gateway serves about it.</summary>
/// <param name="Run">The run.</param>
/// <param name="Summary">Its summary (null when the vendor has none).</param>
/// <param name="Specs">All its specs with all their tests (empty for vendors without specs).</param>
public sealed record CachedRun(Run Run, Summary? Summary, IReadOnlyList<Spec> Specs);
