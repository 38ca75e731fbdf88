using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace RunsGateway.Redis;

/// <summary>
/// <see cref="IDistributedCache"/> and <see cref="IBatchCache"/> over the shared <see cref="RedisClient"/>, with every key
/// prefixed by <see cref="RedisCacheOptions.KeyPrefix"/>. Batch entries are stored as raw bytes; distributed-cache
/// entries carry a 17-byte header with their expiration settings so that sliding expiration can be renewed on read.
/// </summary>
internal sealed class RedisCache(RedisClient client, IOptions<RedisCacheOptions> options, TimeProvider timeProvider) : IDistributedCache, IBatchCache
{
    internal const int HeaderLength = 17;
    private const byte HeaderMarker = 0xCA;

    private readonly string _prefix = options.Value.KeyPrefix ?? string.Empty;

    public async ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var prefixed = new string[keys.Count];
        for (var i = 0; i < prefixed.Length; i++)
        {
            prefixed[i] = Prefix(keys[i]);
        }

        return await client.MGetAsync(prefixed, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SetManyAsync(IReadOnlyList<CacheEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var items = new RedisSetItem[entries.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var entry = entries[i];
            TimeSpan? expiry = entry.TimeToLive == Timeout.InfiniteTimeSpan ? null : entry.TimeToLive;
            if (expiry <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), $"Entry {i} has a time to live of {entry.TimeToLive}; it must be positive or Timeout.InfiniteTimeSpan.");
            }

            items[i] = new RedisSetItem(Prefix(entry.Key), entry.Value, expiry);
        }

        await client.SetManyAsync(items, cancellationToken).ConfigureAwait(false);
    }

    // Explicit: IDistributedCache.RemoveAsync has the same parameters but returns Task.
    async ValueTask<bool> IBatchCache.RemoveAsync(string key, CancellationToken cancellationToken) =>
        await client.UnlinkAsync([Prefix(key)], cancellationToken).ConfigureAwait(false) > 0;

    public byte[]? Get(string key) => GetAsync(key, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = await client.GetAsync(Prefix(key), token).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        if (!TryReadHeader(stored, out var absolute, out var sliding))
        {
            // Written by something other than this class (e.g. the batch API); hand it back untouched.
            return stored;
        }

        if (sliding > 0)
        {
            await RenewAsync(key, absolute, sliding, token).ConfigureAwait(false);
        }

        return stored.AsSpan(HeaderLength).ToArray();
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options, CancellationToken.None).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);

        var now = timeProvider.GetUtcNow();
        var absolute = options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : options.AbsoluteExpiration;
        if (absolute <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The absolute expiration value must be in the future.");
        }

        TimeSpan? timeToLive = options.SlidingExpiration;
        if (absolute is { } until && (timeToLive is null || until - now < timeToLive))
        {
            timeToLive = until - now;
        }

        var envelope = new byte[HeaderLength + value.Length];
        envelope[0] = HeaderMarker;
        BinaryPrimitives.WriteInt64LittleEndian(envelope.AsSpan(1), absolute?.ToUnixTimeMilliseconds() ?? 0);
        BinaryPrimitives.WriteInt64LittleEndian(envelope.AsSpan(9), (long)(options.SlidingExpiration?.TotalMilliseconds ?? 0));
        value.CopyTo(envelope, HeaderLength);

        await client.SetAsync(Prefix(key), envelope, timeToLive, SetCondition.Always, token).ConfigureAwait(false);
    }

    public void Refresh(string key) => RefreshAsync(key, CancellationToken.None).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);

        // Only the header is fetched: the value itself may be large.
        var header = await client.GetRangeAsync(Prefix(key), 0, HeaderLength - 1, token).ConfigureAwait(false);
        if (header is not null && TryReadHeader(header, out var absolute, out var sliding) && sliding > 0)
        {
            await RenewAsync(key, absolute, sliding, token).ConfigureAwait(false);
        }
    }

    public void Remove(string key) => RemoveAsync(key, CancellationToken.None).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        await client.UnlinkAsync([Prefix(key)], token).ConfigureAwait(false);

    private static bool TryReadHeader(ReadOnlySpan<byte> stored, out long absoluteUnixMilliseconds, out long slidingMilliseconds)
    {
        absoluteUnixMilliseconds = 0;
        slidingMilliseconds = 0;
        if (stored.Length < HeaderLength || stored[0] != HeaderMarker)
        {
            return false;
        }

        absoluteUnixMilliseconds = BinaryPrimitives.ReadInt64LittleEndian(stored[1..]);
        slidingMilliseconds = BinaryPrimitives.ReadInt64LittleEndian(stored[9..]);
        return true;
    }

    private async Task RenewAsync(string key, long absoluteUnixMilliseconds, long slidingMilliseconds, CancellationToken token)
    {
        var timeToLive = TimeSpan.FromMilliseconds(slidingMilliseconds);
        if (absoluteUnixMilliseconds > 0)
        {
            var remaining = DateTimeOffset.FromUnixTimeMilliseconds(absoluteUnixMilliseconds) - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            timeToLive = remaining < timeToLive ? remaining : timeToLive;
        }

        await client.ExpireAsync(Prefix(key), timeToLive, token).ConfigureAwait(false);
    }

    private string Prefix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _prefix.Length == 0 ? key : string.Concat(_prefix, key);
    }
}
