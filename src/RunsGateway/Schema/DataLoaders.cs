using RunsGateway.Core;
using RunsGateway.GraphQL.DataLoading;
using RunsGateway.Loading;

namespace RunsGateway.Schema;

/// <summary>Runs by reference; a run that does not exist loads as null.</summary>
internal sealed class RunByRefDataLoader(IBatchScheduler scheduler, RunLoaders loaders, VendorStatusTracker tracker, RequestBudget budget)
    : BatchDataLoader<RunRef, Run>(scheduler)
{
    protected override bool TryLoadImmediately(RunRef key, out Run? value) => loaders.TryGetCachedRun(key, tracker, out value);

    protected override Task<IReadOnlyDictionary<RunRef, GraphQL.DataLoading.Result<Run>>> LoadBatchAsync(IReadOnlyList<RunRef> keys, CancellationToken cancellationToken) =>
        loaders.LoadRunsAsync(keys, tracker, budget, cancellationToken);
}

/// <summary>The summary of a run from the vendor's separate summary endpoint (CCExtractor).</summary>
internal sealed class SummaryByRunDataLoader(IBatchScheduler scheduler, RunLoaders loaders, VendorStatusTracker tracker, RequestBudget budget)
    : BatchDataLoader<RunKey, Summary>(scheduler)
{
    protected override bool TryLoadImmediately(RunKey key, out Summary? value) => loaders.TryGetCachedSummary(key, tracker, out value);

    protected override Task<IReadOnlyDictionary<RunKey, GraphQL.DataLoading.Result<Summary>>> LoadBatchAsync(IReadOnlyList<RunKey> keys, CancellationToken cancellationToken) =>
        loaders.LoadSummariesAsync(keys, tracker, budget, cancellationToken);
}

/// <summary>One upstream page of a run's specs, optionally filtered by test status at the vendor.</summary>
internal sealed class SpecPageDataLoader(IBatchScheduler scheduler, RunLoaders loaders, VendorStatusTracker tracker, RequestBudget budget)
    : BatchDataLoader<SpecPageKey, SpecPage>(scheduler)
{
    protected override Task<IReadOnlyDictionary<SpecPageKey, GraphQL.DataLoading.Result<SpecPage>>> LoadBatchAsync(IReadOnlyList<SpecPageKey> keys, CancellationToken cancellationToken) =>
        loaders.LoadSpecPagesAsync(keys, tracker, budget, cancellationToken);
}

/// <summary>Every spec of a run with all its tests (every upstream page).</summary>
internal sealed class AllSpecsByRunDataLoader(IBatchScheduler scheduler, RunLoaders loaders, VendorStatusTracker tracker, RequestBudget budget)
    : BatchDataLoader<RunKey, IReadOnlyList<Spec>>(scheduler)
{
    protected override bool TryLoadImmediately(RunKey key, out IReadOnlyList<Spec>? value)
    {
        value = loaders.TryGetCachedSpecs(key, tracker, out var specs) ? specs.Items : null;
        return value is not null;
    }

    protected override async Task<IReadOnlyDictionary<RunKey, GraphQL.DataLoading.Result<IReadOnlyList<Spec>>>> LoadBatchAsync(IReadOnlyList<RunKey> keys, CancellationToken cancellationToken)
    {
        var loaded = await loaders.LoadAllSpecsAsync(keys, tracker, budget, cancellationToken).ConfigureAwait(false);
        var specs = new Dictionary<RunKey, GraphQL.DataLoading.Result<IReadOnlyList<Spec>>>(loaded.Count);
        foreach (var (key, result) in loaded)
        {
            specs[key] = result.IsError
                ? GraphQL.DataLoading.Result.Failure<IReadOnlyList<Spec>>(result.Error!)
                : GraphQL.DataLoading.Result.Success(result.Value?.Items);
        }

        return specs;
    }
}
