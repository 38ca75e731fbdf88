using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using RunsGateway.Telemetry;

namespace RunsGateway.Caching;

/// <summary>
/// Wraps the Redis <see cref="IDistributedCache"/> under <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/> so that Redis
/// trouble never reaches a user: a round trip slower than <see cref="GatewayCacheOptions.OperationTimeout"/> or a failure makes the
/// cache skip Redis for <see cref="GatewayCacheOptions.OutageRetryInterval"/>, logging one warning per outage. Meanwhile entry reads
/// are misses and entry writes are dropped (the in-process tier keeps serving); reads and writes of HybridCache's tag-invalidation
/// keys fail instead, because a missed invalidation must not look like "never invalidated" and a purge must know it did not reach Redis.
/// </summary>
internal sealed partial class ResilientDistributedCache(
    IDistributedCache inner,
    IOptions<GatewayCacheOptions> options,
    TimeProvider timeProvider,
    GatewayMetrics metrics,
    ILogger<ResilientDistributedCache> logger) : IBufferDistributedCache
{
    // HybridCache keeps the last invalidation time of each tag under this key prefix (DefaultHybridCache.TagKeyPrefix).
    private const string TagKeyPrefix = "__MSFT_HCT__";

    private readonly IBufferDistributedCache? _buffers = inner as IBufferDistributedCache;
    private readonly Lock _gate = new();
    private bool _inOutage;
    private DateTimeOffset _retryAt;

    /// <summary>Whether Redis is currently skipped because of an outage.</summary>
    public bool IsInOutage
    {
        get
        {
            lock (_gate)
            {
                return _inOutage;
            }
        }
    }

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var writer = new ArrayBufferWriter<byte>();
        return await TryGetAsync(key, writer, token).ConfigureAwait(false) ? writer.WrittenSpan.ToArray() : null;
    }

    public bool TryGet(string key, IBufferWriter<byte> destination) => TryGetAsync(key, destination).AsTask().GetAwaiter().GetResult();

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        // Read into a buffer of our own first: a round trip abandoned at its timeout may still complete and must not write into the
        // caller's buffer afterwards.
        var buffer = new ArrayBufferWriter<byte>();
        var found = await RunAsync(key, async ct =>
        {
            if (_buffers is not null)
            {
                return await _buffers.TryGetAsync(key, buffer, ct).ConfigureAwait(false);
            }

            var bytes = await inner.GetAsync(key, ct).ConfigureAwait(false);
            buffer.Write(bytes);
            return bytes is not null;
        }, missed: false, token).ConfigureAwait(false);
        if (found)
        {
            destination.Write(buffer.WrittenSpan);
        }

        return found;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        SetAsync(key, new ReadOnlySequence<byte>(value), options, token).AsTask();

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).AsTask().GetAwaiter().GetResult();

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await RunAsync(key, async ct =>
        {
            if (_buffers is not null)
            {
                await _buffers.SetAsync(key, value, options, ct).ConfigureAwait(false);
            }
            else
            {
                await inner.SetAsync(key, value.ToArray(), options, ct).ConfigureAwait(false);
            }

            return true;
        }, missed: false, token).ConfigureAwait(false);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default) =>
        await RunAsync(key, async ct =>
        {
            await inner.RefreshAsync(key, ct).ConfigureAwait(false);
            return true;
        }, missed: false, token).ConfigureAwait(false);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        await RunAsync(key, async ct =>
        {
            await inner.RemoveAsync(key, ct).ConfigureAwait(false);
            return true;
        }, missed: false, token).ConfigureAwait(false);

    private async ValueTask<bool> RunAsync(string key, Func<CancellationToken, ValueTask<bool>> operation, bool missed, CancellationToken cancellationToken)
    {
        var isTag = key.StartsWith(TagKeyPrefix, StringComparison.Ordinal);
        if (!ShouldTry())
        {
            return isTag ? throw new RedisUnavailableException("Redis is unavailable (skipped after a recent failure).") : missed;
        }

        var limit = options.Value.OperationTimeout;
        try
        {
            using var timeout = new CancellationTokenSource(limit, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);

            // StackExchange.Redis does not observe cancellation; the request must not wait for a stalled server.
            var result = await operation(linked.Token).AsTask().WaitAsync(limit, timeProvider, cancellationToken).ConfigureAwait(false);
            ReportSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ReportFailure(ex);
            return isTag ? throw new RedisUnavailableException($"Redis is unavailable ({Describe(ex)}).", ex) : missed;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        TimeoutException => $"no answer within the cache's operation timeout",
        StackExchange.Redis.RedisConnectionException connection => $"{connection.GetType().Name}: {connection.FailureType}",
        _ => exception.GetType().Name,
    };

    private bool ShouldTry()
    {
        lock (_gate)
        {
            return !_inOutage || timeProvider.GetUtcNow() >= _retryAt;
        }
    }

    private void ReportFailure(Exception exception)
    {
        bool first;
        lock (_gate)
        {
            first = !_inOutage;
            _inOutage = true;
            _retryAt = timeProvider.GetUtcNow() + options.Value.OutageRetryInterval;
        }

        metrics.CacheFailure();
        Activity.Current?.AddEvent(new ActivityEvent("cache.bypassed"));
        if (first)
        {
            LogOutageStarted(logger, Describe(exception), options.Value.OutageRetryInterval);
        }
    }

    private void ReportSuccess()
    {
        bool recovered;
        lock (_gate)
        {
            recovered = _inOutage;
            _inOutage = false;
        }

        if (recovered)
        {
            LogOutageEnded(logger);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis is unavailable ({Reason}); serving from the in-process cache and the vendors, and retrying Redis every {RetryInterval}.")]
    private static partial void LogOutageStarted(ILogger logger, string reason, TimeSpan retryInterval);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redis is available again.")]
    private static partial void LogOutageEnded(ILogger logger);
}

/// <summary>Redis could not be reached (down, slow, or skipped during an outage); the message never holds a credential.</summary>
public sealed class RedisUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RedisUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RedisUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
