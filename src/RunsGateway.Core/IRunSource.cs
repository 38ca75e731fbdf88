namespace RunsGateway.Core;

/// <summary>
/// Loads runs and their parts from the vendors. Every method takes a batch of keys and returns one result per key,
/// in the same order (duplicates allowed and loaded once); a vendor failure is a <see cref="VendorError"/> in that key's result,
/// never an exception. Calls within a batch run in parallel within each vendor's concurrency limit.
/// </summary>
public interface IRunSource
{
    /// <summary>Loads runs. A run that does not exist is a <see cref="VendorErrorKind.NotFound"/> error.</summary>
    Task<IReadOnlyList<Result<Run>>> GetRunsAsync(IReadOnlyList<RunRef> refs, CancellationToken cancellationToken);

    /// <summary>
    /// Summaries of already loaded runs. Only CCExtractor costs an upstream call (<c>/runs/{id}/summary</c>); the other vendors
    /// return <see cref="Run.Summary"/> (null for Crewship). <see cref="Summary.IsFinal"/> follows <see cref="Run.IsCacheable"/>.
    /// </summary>
    Task<IReadOnlyList<Result<Summary?>>> GetSummariesAsync(IReadOnlyList<Run> runs, CancellationToken cancellationToken);

    /// <summary>
    /// Upstream spec pages. NeetoPlaydash is paged with <c>page_size</c> <see cref="SpecPage.UpstreamPageSize"/>; a status filter that maps to
    /// several vendor values (PASSED = passed + flaky, FAILED = failed + timed_out + interrupted, OTHER) is answered as one complete page 1.
    /// Other vendors load the run (their specs come with it). Page 1 unfiltered is already in <see cref="Run.FirstSpecPage"/>.
    /// </summary>
    Task<IReadOnlyList<Result<SpecPage>>> GetSpecPagesAsync(IReadOnlyList<SpecPageRequest> requests, CancellationToken cancellationToken);

    /// <summary>All specs of each run, with all their tests (every upstream page; for caching finished runs and for <c>tests</c>).</summary>
    Task<IReadOnlyList<Result<IReadOnlyList<Spec>>>> GetAllSpecsAsync(IReadOnlyList<RunRef> refs, CancellationToken cancellationToken);
}
