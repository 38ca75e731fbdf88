using RunsGateway.Redis;

namespace RunsGateway.Caching;

/// <summary>
/// The default cache when no Redis is configured: a size-bounded, least-recently-used map with per-entry expiry driven by
/// <see cref="TimeProvider"/>. It keeps the same contract as the Redis batch cache so the gateway cannot tell them apart.
/// </summary>
internal sealed class InMemoryBatchCache(TimeProvider timeProvider, long sizeLimitBytes) : IBatchCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private long _size;

    public long SizeBytes
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    public ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = timeProvider.GetUtcNow();
        var values = new byte[]?[keys.Count];
        lock (_gate)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (!_entries.TryGetValue(keys[i], out var node))
                {
                    continue;
                }

                if (node.Value.ExpiresAt <= now)
                {
                    RemoveNode(node);
                    continue;
                }

                _recency.Remove(node);
                _recency.AddFirst(node);
                values[i] = node.Value.Value;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<byte[]?>>(values);
    }

    public ValueTask SetManyAsync(IReadOnlyList<CacheEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                var value = entry.Value.ToArray();
                if (value.Length > sizeLimitBytes)
                {
                    continue;
                }

                if (_entries.TryGetValue(entry.Key, out var existing))
                {
                    RemoveNode(existing);
                }

                var node = _recency.AddFirst(new Entry(entry.Key, value, now + entry.TimeToLive));
                _entries[entry.Key] = node;
                _size += value.Length;
                while (_size > sizeLimitBytes && _recency.Last is { } last)
                {
                    RemoveNode(last);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                RemoveNode(node);
                return ValueTask.FromResult(true);
            }
        }

        return ValueTask.FromResult(false);
    }

    private void RemoveNode(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _size -= node.Value.Value.Length;
    }

    private sealed record Entry(string Key, byte[] Value, DateTimeOffset ExpiresAt);
}
