namespace RunsGateway.Redis;

/// <summary>
/// A byte cache read and written many keys at a time, so a batch costs one round trip. Storage-neutral: Redis
/// backs it in production, an in-memory store can back it in tests or single-node setups. Implementations throw
/// when the store is unreachable; callers treat such a failure as a miss.
/// </summary>
public interface IBatchCache
{
    /// <summary>Gets the values of <paramref name="keys"/> in the same order, null for a miss.</summary>
    ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores every entry with its own time to live, in one round trip.</summary>
    ValueTask SetManyAsync(IReadOnlyList<CacheEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes a key; true when it existed.</summary>
    ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// One value to cache. <paramref name="TimeToLive"/> must be positive, or <see cref="Timeout.InfiniteTimeSpan"/>
/// for an entry that never expires (finished runs never change).
/// </summary>
public sealed record CacheEntry(string Key, ReadOnlyMemory<byte> Value, TimeSpan TimeToLive);
