namespace RunsGateway.GraphQL.DataLoading;

/// <summary>
/// Base class of batching, per-request caching loaders (modelled on GreenDonut): loads of one execution step
/// are collected and dispatched as one <see cref="LoadBatchAsync"/> call when execution cannot progress without them.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public abstract class BatchDataLoader<TKey, TValue> : IDataLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _sync = new();
    private readonly IBatchScheduler _scheduler;
    private readonly int _maxBatchSize;
    private readonly bool _caching;
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _cache = [];
    private Batch? _current;

    /// <summary>Creates a loader dispatched by <paramref name="scheduler"/>.</summary>
    /// <param name="scheduler">The scheduler of the request (usually <see cref="IDataLoaderScope.Scheduler"/>).</param>
    /// <param name="options">Batch size and caching; null for defaults.</param>
    protected BatchDataLoader(IBatchScheduler scheduler, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
        _maxBatchSize = options?.MaxBatchSize is > 0 ? options.MaxBatchSize : int.MaxValue;
        _caching = options?.Caching ?? true;
    }

    /// <summary>Loads a batch of distinct keys; a key missing from the result loads as null.</summary>
    /// <param name="keys">The keys, in the order they were first requested.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>A result or an error per key.</returns>
    protected abstract Task<IReadOnlyDictionary<TKey, Result<TValue>>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task<TValue?> LoadAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TValue?>(cancellationToken);
        }

        Batch? scheduled = null;
        TaskCompletionSource<TValue?> promise;
        lock (_sync)
        {
            if (!_caching || !_cache.TryGetValue(key, out promise!))
            {
                var batch = _current;
                if (batch is null || batch.Keys.Count >= _maxBatchSize)
                {
                    batch = _current = new Batch(this);
                    scheduled = batch;
                }

                // Continuations run inline when the batch completes, so the executor sees the next level's loads
                // before it decides that execution is idle again.
                promise = new TaskCompletionSource<TValue?>();
                batch.Keys.Add(key);
                batch.Promises.Add(promise);
                if (_caching)
                {
                    _cache[key] = promise;
                }
            }
        }

        if (scheduled is not null)
        {
            _scheduler.Schedule(scheduled.DispatchAsync);
        }

        // The request's own token needs no registration per key: the batch observes it and the executor stops waiting on it.
        return cancellationToken.CanBeCanceled && cancellationToken != _scheduler.CancellationToken
            ? promise.Task.WaitAsync(cancellationToken)
            : promise.Task;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TValue?>> LoadManyAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var tasks = new Task<TValue?>[keys.Count];
        var i = 0;

        // Held as running work so that all keys join the same batch before it is dispatched.
        var tracker = _scheduler as IWorkTracker;
        tracker?.Enter();
        try
        {
            foreach (var key in keys)
            {
                tasks[i++] = LoadAsync(key, cancellationToken);
            }
        }
        finally
        {
            tracker?.Exit();
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Removes every cached key (pending loads keep their batch).</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _cache.Clear();
        }
    }

    private async ValueTask DispatchAsync(Batch batch)
    {
        lock (_sync)
        {
            if (ReferenceEquals(_current, batch))
            {
                _current = null;
            }
        }

        var cancellationToken = _scheduler.CancellationToken;
        IReadOnlyDictionary<TKey, Result<TValue>>? results = null;
        Exception? failure = null;
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                failure = new OperationCanceledException(cancellationToken);
            }
            else
            {
                results = await LoadBatchAsync(batch.Keys, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"{GetType().Name}.LoadBatchAsync returned null.");
            }
        }
#pragma warning disable CA1031 // A failed batch becomes an error on every key instead of escaping to the scheduler.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        var tracker = _scheduler as IWorkTracker;
        tracker?.Enter();
        try
        {
            for (var i = 0; i < batch.Keys.Count; i++)
            {
                var promise = batch.Promises[i];
                if (failure is OperationCanceledException oce)
                {
                    promise.TrySetCanceled(oce.CancellationToken);
                }
                else if (failure is not null)
                {
                    promise.TrySetException(failure);
                }
                else if (results!.TryGetValue(batch.Keys[i], out var result))
                {
                    if (result.Error is { } error)
                    {
                        promise.TrySetException(error);
                    }
                    else
                    {
                        promise.TrySetResult(result.Value);
                    }
                }
                else
                {
                    promise.TrySetResult(default);
                }
            }
        }
        finally
        {
            tracker?.Exit();
        }

        if (failure is not null && _caching)
        {
            // Failed keys are not cached, so a later load may retry them.
            lock (_sync)
            {
                foreach (var key in batch.Keys)
                {
                    _cache.Remove(key);
                }
            }
        }
    }

    private sealed class Batch(BatchDataLoader<TKey, TValue> owner)
    {
        public List<TKey> Keys { get; } = [];

        public List<TaskCompletionSource<TValue?>> Promises { get; } = [];

        public ValueTask DispatchAsync() => owner.DispatchAsync(this);
    }
}

/// <summary>A loader whose batch function is a delegate.</summary>
internal sealed class DelegateBatchDataLoader<TKey, TValue>(
    IBatchScheduler scheduler,
    BatchLoadFunction<TKey, TValue> batchFunction,
    DataLoaderOptions? options)
    : BatchDataLoader<TKey, TValue>(scheduler, options)
    where TKey : notnull
{
    protected override Task<IReadOnlyDictionary<TKey, Result<TValue>>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
        => batchFunction(keys, cancellationToken);
}

/// <summary>Lets loaders tell the executor that completions are running, so it does not dispatch half a level.</summary>
internal interface IWorkTracker
{
    void Enter();

    void Exit();
}
