namespace RunsGateway.GraphQL.DataLoading;

/// <summary>The DataLoaders of one request, created on first use.</summary>
public interface IDataLoaderScope
{
    /// <summary>The scheduler loaders of this scope must be created with.</summary>
    IBatchScheduler Scheduler { get; }

    /// <summary>Returns the loader of type <typeparamref name="TLoader"/>, creating it with <paramref name="factory"/> on first use.</summary>
    TLoader GetOrCreate<TLoader>(Func<IBatchScheduler, TLoader> factory)
        where TLoader : class;

    /// <summary>Returns the loader named <paramref name="name"/>, creating it with <paramref name="factory"/> on first use.</summary>
    TLoader GetOrCreate<TLoader>(string name, Func<IBatchScheduler, TLoader> factory)
        where TLoader : class;

    /// <summary>Returns the loader named <paramref name="name"/>, creating it from a batch function on first use.</summary>
    IDataLoader<TKey, TValue> GetOrCreate<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batchFunction, DataLoaderOptions? options = null)
        where TKey : notnull;
}

/// <summary>
/// A DataLoader scope and batch scheduler. Inside the executor, batches are dispatched when every running resolver
/// is waiting; used on its own, a batch is dispatched on the thread pool right after the first load.
/// </summary>
public sealed class DataLoaderScope : IDataLoaderScope, IBatchScheduler, IWorkTracker
{
    // A request uses a few loaders: a copy-on-write array scanned without a lock costs less than a concurrent dictionary.
    private (object Key, object Loader)[] _loaders = [];
    private readonly Lock _loadersSync = new();
    private readonly Lock _sync = new();
    private List<Func<ValueTask>>? _pending;
    private int _running;
    private bool _dispatchQueued;

    /// <summary>Creates a scope whose batch functions receive <paramref name="cancellationToken"/>.</summary>
    public DataLoaderScope(CancellationToken cancellationToken = default) => CancellationToken = cancellationToken;

    /// <inheritdoc />
    public CancellationToken CancellationToken { get; }

    /// <inheritdoc />
    public IBatchScheduler Scheduler => this;

    /// <summary>The loader under <paramref name="key"/>, created once by <paramref name="create"/> on first use.</summary>
    private object GetOrAdd<TState>(object key, Func<TState, object> create, TState state)
    {
        if (Find(Volatile.Read(ref _loaders), key) is { } existing)
        {
            return existing;
        }

        lock (_loadersSync)
        {
            if (Find(_loaders, key) is { } raced)
            {
                return raced;
            }

            var loader = create(state);
            Volatile.Write(ref _loaders, [.. _loaders, (key, loader)]);
            return loader;
        }
    }

    private static object? Find((object Key, object Loader)[] loaders, object key)
    {
        foreach (var (candidate, loader) in loaders)
        {
            if (candidate.Equals(key))
            {
                return loader;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public TLoader GetOrCreate<TLoader>(Func<IBatchScheduler, TLoader> factory)
        where TLoader : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return (TLoader)GetOrAdd(typeof(TLoader), static state => state.factory(state.scope), (factory, scope: this));
    }

    /// <inheritdoc />
    public TLoader GetOrCreate<TLoader>(string name, Func<IBatchScheduler, TLoader> factory)
        where TLoader : class
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(factory);
        var loader = GetOrAdd(name, static state => state.factory(state.scope), (factory, scope: this));
        return loader as TLoader
            ?? throw new InvalidOperationException($"The DataLoader '{name}' is a {loader.GetType().Name}, not a {typeof(TLoader).Name}.");
    }

    /// <summary>The loader of type <typeparamref name="TLoader"/>, created from the request's services on first use (typed resolvers).</summary>
    internal TLoader GetOrCreate<TLoader>(IServiceProvider? services, Func<IServiceProvider?, IBatchScheduler, TLoader> create)
        where TLoader : class
    {
        return (TLoader)GetOrAdd(typeof(TLoader), static state => state.create(state.services, state.scope), (create, services, scope: this));
    }

    /// <inheritdoc />
    public IDataLoader<TKey, TValue> GetOrCreate<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batchFunction, DataLoaderOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(batchFunction);
        return GetOrCreate<IDataLoader<TKey, TValue>>(name, scheduler => new DelegateBatchDataLoader<TKey, TValue>(scheduler, batchFunction, options));
    }

    /// <inheritdoc />
    public void Schedule(Func<ValueTask> dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        bool queue;
        lock (_sync)
        {
            (_pending ??= []).Add(dispatch);
            queue = _running == 0 && !_dispatchQueued;
            _dispatchQueued |= queue;
        }

        // Nobody is executing (a resolver loaded after its own await): dispatch soon, after the current
        // synchronous continuation had the chance to add more keys.
        if (queue)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static scope => scope.DispatchIfIdle(), this, preferLocal: false);
        }
    }

    /// <summary>Dispatches every pending batch now.</summary>
    public void DispatchPending() => Run(TakePending());

    void IWorkTracker.Enter() => Enter();

    void IWorkTracker.Exit() => Exit();

    /// <summary>Marks executor work as running; batches wait until it is idle.</summary>
    internal void Enter()
    {
        lock (_sync)
        {
            _running++;
        }
    }

    /// <summary>Marks executor work as finished or suspended; dispatches pending batches when nothing runs any more.</summary>
    internal void Exit()
    {
        List<Func<ValueTask>>? due = null;
        lock (_sync)
        {
            if (--_running == 0 && _pending is { Count: > 0 })
            {
                due = _pending;
                _pending = null;
            }
        }

        Run(due);
    }

    private void DispatchIfIdle()
    {
        List<Func<ValueTask>>? due = null;
        lock (_sync)
        {
            _dispatchQueued = false;
            if (_running == 0 && _pending is { Count: > 0 })
            {
                due = _pending;
                _pending = null;
            }
        }

        Run(due);
    }

    private List<Func<ValueTask>>? TakePending()
    {
        lock (_sync)
        {
            var due = _pending;
            _pending = null;
            return due is { Count: > 0 } ? due : null;
        }
    }

    private static void Run(List<Func<ValueTask>>? due)
    {
        if (due is null)
        {
            return;
        }

        foreach (var dispatch in due)
        {
            // Dispatches never throw (a failing batch fails its keys), so nobody needs to await them.
            var running = dispatch();
            if (!running.IsCompleted)
            {
                _ = running.AsTask();
            }
        }
    }
}
