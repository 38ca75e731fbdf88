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

    /// <summary>
    /// Answers <paramref name="key"/> at once when its value is already at hand (for example an in-process cache hit), before the
    /// key would join a batch: the load then completes synchronously, without a batch, a promise or a continuation. Called under the
    /// loader's lock for every load of a key the loader does not hold (a key answered here is asked again next time; a key in a
    /// batch is not asked until the batch has failed), so it must be quick and must not use this loader.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value (null: the key has no value).</param>
    /// <returns>Whether <paramref name="value"/> answers the key; false sends the key to the next batch.</returns>
    protected virtual bool TryLoadImmediately(TKey key, out TValue? value)
    {
        value = default;
        return false;
    }

    /// <inheritdoc />
    public ValueTask<TValue?> LoadAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TValue?>(cancellationToken);
        }

        Batch? scheduled = null;
        TaskCompletionSource<TValue?>? promise;
        lock (_sync)
        {
            if (!_caching || !_cache.TryGetValue(key, out promise))
            {
                // An answer at hand is not kept: the next load of the key asks again, which costs what keeping it would (and no
                // dictionary grows per request for keys that never needed a batch).
                if (TryLoadImmediately(key, out var value))
                {
                    return new ValueTask<TValue?>(value);
                }

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
        return new ValueTask<TValue?>(cancellationToken.CanBeCanceled && cancellationToken != _scheduler.CancellationToken
            ? promise.Task.WaitAsync(cancellationToken)
            : promise.Task);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TValue?>> LoadManyAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = new TValue?[keys.Count];
        Task<TValue?>?[]? pending = null;
        var i = 0;

        // Held as running work so that all keys join the same batch before it is dispatched.
        var tracker = _scheduler as IWorkTracker;
        tracker?.Enter();
        try
        {
            foreach (var key in keys)
            {
                var load = LoadAsync(key, cancellationToken);
                if (load.IsCompletedSuccessfully)
                {
                    values[i] = load.Result;
                }
                else
                {
                    (pending ??= new Task<TValue?>?[values.Length])[i] = load.AsTask();
                }

                i++;
            }
        }
        finally
        {
            tracker?.Exit();
        }

        return pending is null ? new ValueTask<IReadOnlyList<TValue?>>(values) : new ValueTask<IReadOnlyList<TValue?>>(CompleteAsync(values, pending));

        static async Task<IReadOnlyList<TValue?>> CompleteAsync(TValue?[] values, Task<TValue?>?[] pending)
        {
            // Every key settles before the first failure is reported, as with Task.WhenAll.
            await Task.WhenAll(pending.OfType<Task<TValue?>>()).ConfigureAwait(false);
            for (var k = 0; k < pending.Length; k++)
            {
                if (pending[k] is { } load)
                {
                    values[k] = load.Result;
                }
            }

            return values;
        }
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
