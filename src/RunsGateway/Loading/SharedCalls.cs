using System.Collections.Concurrent;

namespace RunsGateway.Loading;

/// <summary>
/// Shares identical in-flight upstream calls across concurrent requests: while a call for a key is running, every other caller for
/// that key awaits the same task, so 100 simultaneous identical queries cost one upstream call per resource. Completed calls are
/// forgotten at once; caching what is finished is the cache's job, not this one's.
/// </summary>
/// <typeparam name="TValue">The per-key result.</typeparam>
internal sealed class SharedCalls<TValue>
{
    private readonly ConcurrentDictionary<string, Task<TValue>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Number of calls currently in flight (for tests and metrics).</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>
    /// Returns one task per key: a running call's task where one exists, otherwise a task of a single new batch call that
    /// <paramref name="load"/> makes for all the keys nobody is loading yet. <paramref name="load"/> must return one value per key it is given, in order.
    /// </summary>
    public Task<TValue>[] GetOrStart(IReadOnlyList<string> keys, Func<IReadOnlyList<int>, Task<IReadOnlyList<TValue>>> load)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(load);

        var tasks = new Task<TValue>[keys.Count];
        List<int>? mine = null;
        List<TaskCompletionSource<TValue>>? sources = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var source = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            var existing = _inFlight.GetOrAdd(keys[i], source.Task);
            tasks[i] = existing;
            if (ReferenceEquals(existing, source.Task))
            {
                (mine ??= []).Add(i);
                (sources ??= []).Add(source);
            }
        }

        if (mine is not null)
        {
            _ = RunAsync(keys, mine, sources!, load);
        }

        return tasks;
    }

    private async Task RunAsync(IReadOnlyList<string> keys, List<int> mine, List<TaskCompletionSource<TValue>> sources, Func<IReadOnlyList<int>, Task<IReadOnlyList<TValue>>> load)
    {
        try
        {
            var values = await load(mine).ConfigureAwait(false);
            for (var i = 0; i < mine.Count; i++)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<TValue>>(keys[mine[i]], sources[i].Task));
                sources[i].TrySetResult(values[i]);
            }
        }
#pragma warning disable CA1031 // The failure is handed to every waiter; nothing may escape a fire-and-forget task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            for (var i = 0; i < mine.Count; i++)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<TValue>>(keys[mine[i]], sources[i].Task));
                sources[i].TrySetException(ex);
            }
        }
    }
}
