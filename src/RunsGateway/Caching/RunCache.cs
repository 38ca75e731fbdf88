using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Redis;
using RunsGateway.Telemetry;

namespace RunsGateway.Caching;

/// <summary>
/// The gateway's cache of finished runs and their parts, one entry per upstream resource (<c>run:</c>, <c>summary:</c>, <c>specs:</c>,
/// <c>specpage:</c> followed by the run's key). Lookups of one batch are one round trip. The cache is an optimisation, never a
/// dependency: when it is slow or down, every call returns misses after <see cref="GatewayCacheOptions.OperationTimeout"/>, the
/// cache is skipped for <see cref="GatewayCacheOptions.OutageRetryInterval"/>, and one warning is logged per outage.
/// </summary>
internal sealed partial class RunCache(
    IBatchCache cache,
    IOptions<GatewayCacheOptions> options,
    TimeProvider timeProvider,
    GatewayMetrics metrics,
    ILogger<RunCache> logger)
{
    private readonly Lock _gate = new();
    private bool _inOutage;
    private DateTimeOffset _retryAt;

    /// <summary>Whether the cache is currently skipped because of an outage.</summary>
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

    public async Task<T?[]> GetManyAsync<T>(string kind, IReadOnlyList<string> keys, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var lookup = GatewayTelemetry.StartCacheLookup(kind, keys.Count);
        var results = new T?[keys.Count];
        if (keys.Count == 0 || !ShouldTry())
        {
            metrics.CacheLookups(kind, hits: 0, misses: keys.Count);
            return results;
        }

        var cacheKeys = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            cacheKeys[i] = kind + ":" + keys[i];
        }

        IReadOnlyList<byte[]?> values;
        try
        {
            values = await WithTimeoutAsync(ct => cache.GetManyAsync(cacheKeys, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ReportFailure(ex);
            metrics.CacheLookups(kind, hits: 0, misses: keys.Count);
            return results;
        }

        ReportSuccess();
        var hits = 0;
        for (var i = 0; i < values.Count && i < results.Length; i++)
        {
            if (values[i] is not { } bytes)
            {
                continue;
            }

            try
            {
                results[i] = JsonSerializer.Deserialize(bytes, typeInfo);
                hits += results[i] is null ? 0 : 1;
            }
            catch (JsonException)
            {
                // A payload from an older or foreign deployment is a miss, not a failure; it is overwritten on the next store.
                LogUnreadableEntry(logger, cacheKeys[i]);
            }
        }

        metrics.CacheLookups(kind, hits, keys.Count - hits);
        return results;
    }

    public async Task SetManyAsync<T>(string kind, IReadOnlyList<(RunRef Run, string Key, T Value)> items, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        if (items.Count == 0 || !ShouldTry())
        {
            return;
        }

        var entries = new CacheEntry[items.Count];
        var opts = options.Value;
        for (var i = 0; i < items.Count; i++)
        {
            var (run, key, value) = items[i];
            entries[i] = new CacheEntry(kind + ":" + key, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), opts.LifetimeFor(run.Vendor));
        }

        try
        {
            await WithTimeoutAsync(async ct =>
            {
                await cache.SetManyAsync(entries, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            ReportSuccess();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ReportFailure(ex);
        }
    }

    /// <summary>
    /// Removes every cached part of a run: the run, its summary, all its specs and its spec pages (every page the run's spec count
    /// allows, unfiltered and per status). Returns how many entries were removed.
    /// </summary>
    public async Task<int> PurgeAsync(RunRef run, CancellationToken cancellationToken)
    {
        var cached = (await GetManyAsync("run", [run.Key], CacheJsonContext.Default.Run, cancellationToken).ConfigureAwait(false))[0];
        var total = cached?.FirstSpecPage.TotalCount ?? cached?.FirstSpecPage.Items.Count ?? 0;
        var pages = Math.Max(1, (total + SpecPage.UpstreamPageSize - 1) / SpecPage.UpstreamPageSize);
        var keys = new List<string> { "run:" + run.Key, "summary:" + run.Key, "specs:" + run.Key };
        var statuses = Enum.GetNames<TestStatus>().Prepend("all").ToArray();
        for (var page = 1; page <= pages; page++)
        {
            keys.AddRange(statuses.Select(status => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"specpage:{run.Key}:{page}:{status}")));
        }

        var removed = 0;
        foreach (var key in keys)
        {
            if (await cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }
        }

        return removed;
    }

    private async Task<TResult> WithTimeoutAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.OperationTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var task = operation(linked.Token).AsTask();
        // The client may not observe cancellation promptly; the request must not wait for it.
        return await task.WaitAsync(options.Value.OperationTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
    }

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
            LogOutageStarted(logger, exception.GetType().Name, options.Value.OutageRetryInterval);
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The run cache is unavailable ({ErrorType}); answering from the vendors and retrying the cache every {RetryInterval}.")]
    private static partial void LogOutageStarted(ILogger logger, string errorType, TimeSpan retryInterval);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The run cache is available again.")]
    private static partial void LogOutageEnded(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Ignoring an unreadable cache entry {Key}.")]
    private static partial void LogUnreadableEntry(ILogger logger, string key);
}
