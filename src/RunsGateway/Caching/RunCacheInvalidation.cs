using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RunsGateway.Caching;

/// <summary>
/// Carries purges between gateway instances that share one Redis, over one pub/sub channel under the key prefix
/// (<see cref="GatewayRedisOptions.PurgeChannel"/>). HybridCache records a purge in Redis, but each instance remembers a tag's last
/// purge once read, and its in-process tier would go on serving the run; a message makes every other instance evict the run at once.
/// </summary>
internal sealed partial class RunCacheInvalidation(
    RedisConnection connection,
    HybridCache cache,
    IOptions<GatewayRedisOptions> options,
    ILogger<RunCacheInvalidation> logger) : IHostedService
{
    // Tells this instance's own messages apart: it evicted the run before publishing.
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(2);

    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private ISubscriber? _subscriber;

    private RedisChannel Channel => RedisChannel.Literal(options.Value.PurgeChannel);

    /// <summary>Announces a purge of <paramref name="tag"/>; returns how many other instances received it.</summary>
    /// <exception cref="RedisUnavailableException">Redis could not be reached.</exception>
    public async Task<long> PublishAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            var multiplexer = await connection.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var receivers = await multiplexer.GetSubscriber().PublishAsync(Channel, _instanceId + "\n" + tag).WaitAsync(cancellationToken).ConfigureAwait(false);

            // This instance receives its own message too when it is subscribed.
            return Math.Max(0, receivers - (_subscriber is null ? 0 : 1));
        }
        catch (RedisException ex)
        {
            throw new RedisUnavailableException($"Redis is unavailable ({ex.GetType().Name}); the purge was not announced to other instances.", ex);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Opens the connection before the first request, so that connecting is not taken for a slow Redis; but a Redis that is down
        // holds up the start by StartupWait at most (StackExchange.Redis keeps connecting and restores the subscription later).
        var subscribing = SubscribeAsync();
        try
        {
            await subscribing.WaitAsync(StartupWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStillConnecting(logger, connection.Endpoints);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscriber is { } subscriber)
        {
            try
            {
                await subscriber.UnsubscribeAsync(Channel).ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Stopping anyway.
            }
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var multiplexer = await connection.GetAsync().ConfigureAwait(false);
            var subscriber = multiplexer.GetSubscriber();
            await subscriber.SubscribeAsync(Channel, (_, message) => OnMessage(message)).ConfigureAwait(false);
            _subscriber = subscriber;
        }
        catch (RedisException ex)
        {
            LogSubscribeFailed(logger, ex.GetType().Name, options.Value.PurgeChannel);
        }
    }

    private void OnMessage(RedisValue message)
    {
        var text = (string?)message;
        var newline = text?.IndexOf('\n', StringComparison.Ordinal) ?? -1;
        if (text is null || newline < 0 || text.AsSpan(0, newline).SequenceEqual(_instanceId))
        {
            return;
        }

        var tag = text[(newline + 1)..];
        LogPurgeReceived(logger, tag);

        // Evicts the run here; HybridCache also rewrites the tag's purge time in Redis, which is harmless (a later time is as good).
        _ = EvictAsync(tag);
    }

    private async Task EvictAsync(string tag)
    {
        try
        {
            await cache.RemoveByTagAsync(tag).ConfigureAwait(false);
        }
        catch (RedisUnavailableException)
        {
            // The local eviction happened before the Redis write that failed.
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Could not subscribe to the purge channel {Channel} ({ErrorType}); it is retried when Redis reconnects.")]
    private static partial void LogSubscribeFailed(ILogger logger, string errorType, string channel);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Redis at {Endpoints} is not connected yet; starting with the in-process cache while it connects.")]
    private static partial void LogStillConnecting(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Purge of {Run} announced by another instance; evicted here.")]
    private static partial void LogPurgeReceived(ILogger logger, string run);
}
