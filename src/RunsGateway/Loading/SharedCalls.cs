namespace RunsGateway.Loading;

/// <summary>
/// Shares identical in-flight upstream calls across concurrent requests: while a call for a key is running, every other caller for
/// that key awaits the same task, so 100 simultaneous identical queries cost one upstream call per resource. Completed calls are
/// forgotten at once; caching what is finished is the cache's job, not this one's.
/// </summary>
/// <remarks>
/// A call runs for as long as some caller waits for it: each caller's token leaves the calls it joined when cancelled, and a call
/// that nobody waits for any more is cancelled (and forgotten, so a later caller starts afresh). An abandoned client therefore
/// stops holding vendor slots instead of keeping its calls running until the vendor answers.
/// </remarks>
/// <typeparam name="TValue">The per-key result.</typeparam>
internal sealed class SharedCalls<TValue>
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Entry> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Number of calls currently in flight (for tests and metrics).</summary>
    public int InFlightCount
    {
        get
        {
            lock (_sync)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>
    /// Returns one task per key: a running call's task where one exists, otherwise a task of a single new batch call that
    /// <paramref name="load"/> makes for all the keys nobody is loading yet. <paramref name="load"/> must return one value per key it is
    /// given, in order; its token is cancelled when no caller waits for the call any more. The returned tasks are cancelled when
    /// <paramref name="cancellationToken"/> is.
    /// </summary>
    public Task<TValue>[] GetOrStart(
        IReadOnlyList<string> keys,
        Func<IReadOnlyList<int>, CancellationToken, Task<IReadOnlyList<TValue>>> load,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(load);

        var shared = new Task<TValue>[keys.Count];
        var joined = new HashSet<Batch>(ReferenceEqualityComparer.Instance);
        Batch? mine = null;
        lock (_sync)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (_inFlight.TryGetValue(keys[i], out var entry))
                {
                    shared[i] = entry.Source.Task;
                    if (joined.Add(entry.Batch))
                    {
                        entry.Batch.Waiters++;
                    }

                    continue;
                }

                if (mine is null)
                {
                    mine = new Batch { Waiters = 1 };
                    joined.Add(mine);
                }

                var source = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _inFlight[keys[i]] = new Entry(source, mine);
                mine.Indices.Add(i);
                mine.Keys.Add(keys[i]);
                mine.Sources.Add(source);
                shared[i] = source.Task;
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => Leave(joined));
            _ = Task.WhenAll(shared).ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (mine is not null)
        {
            _ = RunAsync(mine, load);
        }

        return cancellationToken.CanBeCanceled ? [.. shared.Select(t => t.WaitAsync(cancellationToken))] : shared;
    }

    private void Leave(HashSet<Batch> batches)
    {
        List<Batch>? abandoned = null;
        lock (_sync)
        {
            foreach (var batch in batches)
            {
                if (--batch.Waiters == 0 && !batch.Finished)
                {
                    batch.Finished = true;
                    Forget(batch);
                    (abandoned ??= []).Add(batch);
                }
            }
        }

        foreach (var batch in abandoned ?? [])
        {
            batch.Cancellation.Cancel();
            foreach (var source in batch.Sources)
            {
                source.TrySetCanceled(batch.Cancellation.Token);
            }
        }
    }

    private void Forget(Batch batch)
    {
        for (var i = 0; i < batch.Keys.Count; i++)
        {
            if (_inFlight.TryGetValue(batch.Keys[i], out var entry) && ReferenceEquals(entry.Batch, batch))
            {
                _inFlight.Remove(batch.Keys[i]);
            }
        }
    }

    private async Task RunAsync(Batch batch, Func<IReadOnlyList<int>, CancellationToken, Task<IReadOnlyList<TValue>>> load)
    {
        IReadOnlyList<TValue>? values = null;
        Exception? failure = null;
        try
        {
            values = await load(batch.Indices, batch.Cancellation.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The failure is handed to every waiter; nothing may escape a fire-and-forget task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        bool abandoned;
        lock (_sync)
        {
            abandoned = batch.Finished;
            batch.Finished = true;
            Forget(batch);
        }

        for (var i = 0; i < batch.Sources.Count; i++)
        {
            if (values is not null)
            {
                batch.Sources[i].TrySetResult(values[i]);
            }
            else if (failure is OperationCanceledException && batch.Cancellation.IsCancellationRequested)
            {
                batch.Sources[i].TrySetCanceled(batch.Cancellation.Token);
            }
            else
            {
                batch.Sources[i].TrySetException(failure!);
            }
        }

        if (!abandoned)
        {
            // An abandoned batch's source may still be cancelling on another thread; it has no timer to release.
            batch.Cancellation.Dispose();
        }
    }

    private sealed record Entry(TaskCompletionSource<TValue> Source, Batch Batch);

    /// <summary>One upstream batch call and the number of callers still waiting for some of its keys.</summary>
    private sealed class Batch
    {
        public CancellationTokenSource Cancellation { get; } = new();

        public List<int> Indices { get; } = [];

        public List<string> Keys { get; } = [];

        public List<TaskCompletionSource<TValue>> Sources { get; } = [];

        /// <summary>Guarded by the owner's lock.</summary>
        public int Waiters { get; set; }

        /// <summary>Completed or abandoned; guarded by the owner's lock.</summary>
        public bool Finished { get; set; }
    }
}
