namespace RunsGateway.GraphQL.DataLoading;

/// <summary>A batch function: loads many keys at once; keys missing from the dictionary load as null.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <param name="keys">The distinct keys of one batch, in request order.</param>
/// <param name="cancellationToken">Cancelled when the request is aborted.</param>
public delegate Task<IReadOnlyDictionary<TKey, Result<TValue>>> BatchLoadFunction<TKey, TValue>(
    IReadOnlyList<TKey> keys,
    CancellationToken cancellationToken)
    where TKey : notnull;

/// <summary>A per-request, batching and caching loader of values by key.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public interface IDataLoader<TKey, TValue>
    where TKey : notnull
{
    /// <summary>
    /// Loads one key; within the loader's lifetime the same key gives the same answer (one load). Completes synchronously when the
    /// loader answers the key at once (an in-process cache hit) or already holds its value.
    /// </summary>
    ValueTask<TValue?> LoadAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Loads many keys; the results are in the order of <paramref name="keys"/>.</summary>
    ValueTask<IReadOnlyList<TValue?>> LoadManyAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken = default);
}

/// <summary>Decides when batches are dispatched; the executor's scheduler dispatches when execution cannot progress.</summary>
public interface IBatchScheduler
{
    /// <summary>Registers a batch whose dispatch is due once execution is idle.</summary>
    /// <param name="dispatch">Starts loading the batch.</param>
    void Schedule(Func<ValueTask> dispatch);

    /// <summary>The token passed to batch functions (the request's token).</summary>
    CancellationToken CancellationToken { get; }
}

/// <summary>Options of a DataLoader.</summary>
public sealed class DataLoaderOptions
{
    /// <summary>The maximum number of keys in one batch call; 0 means unlimited.</summary>
    /// <value>The default value is 0 (unlimited).</value>
    public int MaxBatchSize { get; set; }

    /// <summary>Whether loads of the same key share one result within the loader's lifetime.</summary>
    /// <value>The default value is true.</value>
    public bool Caching { get; set; } = true;
}
