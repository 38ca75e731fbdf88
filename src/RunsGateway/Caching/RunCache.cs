using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Telemetry;

namespace RunsGateway.Caching;

/// <summary>
/// The gateway's cache of finished runs and their parts, one entry per upstream resource (<c>run:</c>, <c>summary:</c>, <c>specs:</c>,
/// <c>specpage:</c> followed by the run's key), over <see cref="HybridCache"/>: the in-process tier hands out the stored immutable
/// object, Redis (when configured) is the shared tier. Every entry is tagged with its run's key, so a purge removes the run and
/// everything cached under it. Lookups never fail: a broken entry or an unavailable Redis is a miss.
/// </summary>
internal sealed partial class RunCache
{
    /// <summary>The key kind of a run.</summary>
    public const string RunKind = "run";

    /// <summary>The key kind of a run's summary.</summary>
    public const string SummaryKind = "summary";

    /// <summary>The key kind of all of a run's specs.</summary>
    public const string SpecsKind = "specs";

    /// <summary>The key kind of one upstream page of a run's specs.</summary>
    public const string SpecPageKind = "specpage";

    // A lookup only reads: a miss returns null without storing anything; the loaders fetch misses in batches and store them.
    private static readonly HybridCacheEntryOptions Lookup = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData };

    // A probe of the in-process tier only: never Redis, never stores, and without a token a miss completes on the calling thread.
    private static readonly HybridCacheEntryOptions LocalProbe = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableLocalCacheWrite,
    };

    // Keys and tags are built once per run and reused while the run stays hot; bounded against a flood of distinct references.
    private const int MaxInternedRuns = 10_000;
    private readonly ConcurrentDictionary<RunRef, RunEntryKeys> _keys = new();

    private readonly HybridCache _cache;
    private readonly RunCacheInvalidation? _invalidation;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<RunCache> _logger;
    private readonly HybridCacheEntryOptions _ccExtractorEntry;
    private readonly HybridCacheEntryOptions _finishedEntry;

    public RunCache(HybridCache cache, IOptions<GatewayCacheOptions> options, GatewayMetrics metrics, ILogger<RunCache> logger, RunCacheInvalidation? invalidation = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _invalidation = invalidation;
        _metrics = metrics;
        _logger = logger;
        var settings = options.Value;
        _ccExtractorEntry = EntryOptions(settings.CcExtractorLifetime, settings.LocalLifetime, invalidation is not null);
        _finishedEntry = EntryOptions(settings.FinishedRunLifetime, settings.LocalLifetime, invalidation is not null);
    }

    /// <summary>The cache key of a part of a run: <c>{kind}:{run key}</c>.</summary>
    public static string KeyOf(string kind, RunRef run) => string.Concat(kind, ":", run.Key);

    /// <summary>The interned keys and tag of <paramref name="run"/>.</summary>
    public RunEntryKeys KeysOf(RunRef run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_keys.TryGetValue(run, out var keys))
        {
            return keys;
        }

        if (_keys.Count >= MaxInternedRuns)
        {
            _keys.Clear();
        }

        return _keys.GetOrAdd(run, static r => new RunEntryKeys(r));
    }

    /// <summary>The cache key of one upstream spec page: <c>specpage:{run key}:{page}:{status or all}</c>.</summary>
    public static string PageKeyOf(RunRef run, int pageNumber, TestStatus? status) =>
        string.Create(CultureInfo.InvariantCulture, $"{SpecPageKind}:{run.Key}:{pageNumber}:{status?.ToString() ?? "all"}");

    /// <summary>
    /// Looks up entries of one kind; <paramref name="results"/>[i] is the entry of <paramref name="keys"/>[i] or null. In-process hits
    /// complete synchronously without allocating; the others wait for Redis concurrently.
    /// </summary>
    public async ValueTask<int> GetManyAsync<T>(string kind, IReadOnlyList<(RunRef Run, string Key)> keys, T?[] results, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(results);
        using var activity = GatewayTelemetry.StartCacheLookup(kind, keys.Count);
        ValueTask<T?>[]? pending = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var (run, key) = keys[i];
            try
            {
                var lookup = _cache.GetOrCreateAsync<T?>(key, static _ => default, Lookup, KeysOf(run).Tags, cancellationToken);
                if (lookup.IsCompletedSuccessfully)
                {
                    results[i] = lookup.Result;
                }
                else
                {
                    (pending ??= new ValueTask<T?>[keys.Count])[i] = lookup;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLookupFailed(_logger, key, ex);
            }
        }

        if (pending is not null)
        {
            for (var i = 0; i < pending.Length; i++)
            {
                if (pending[i] is var lookup && lookup != default)
                {
                    try
                    {
                        results[i] = await lookup.ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        LogLookupFailed(_logger, keys[i].Key, ex);
                    }
                }
            }
        }

        var hits = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            hits += results[i] is null ? 0 : 1;
        }

        _metrics.CacheLookups(kind, hits, keys.Count - hits);
        return hits;
    }

    /// <summary>
    /// The entry under <paramref name="key"/> when this instance's in-process tier holds it: the stored object, synchronously,
    /// without asking Redis. A miss says nothing about Redis; <see cref="GetManyAsync"/> asks both tiers.
    /// </summary>
    public bool TryGetLocal<T>(string kind, string key, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = null;
        try
        {
            var probe = _cache.GetOrCreateAsync<T?>(key, static _ => default, LocalProbe, null, CancellationToken.None);
            if (!probe.IsCompletedSuccessfully)
            {
                // Not expected with these flags; the lookup is observed and the key takes the batched path.
                _ = probe.AsTask();
                return false;
            }

            value = probe.Result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookupFailed(_logger, key, ex);
            return false;
        }

        if (value is null)
        {
            return false;
        }

        _metrics.LocalCacheHit(kind);
        return true;
    }

    /// <summary>Stores a finished part of <paramref name="run"/> for its vendor's lifetime, tagged with the run.</summary>
    public async ValueTask SetAsync<T>(RunRef run, string key, T value, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await _cache.SetAsync<T?>(key, value, run.Vendor == Vendor.CcExtractor ? _ccExtractorEntry : _finishedEntry, KeysOf(run).Tags, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Redis failures are absorbed below HybridCache; this is a serialisation or size problem: the entry stays uncached.
            LogStoreFailed(_logger, key, ex);
        }
    }

    /// <summary>
    /// Removes a run and everything cached under it (summary, specs, spec pages) from this instance, from Redis and, through the
    /// purge channel, from the in-process tier of every other instance.
    /// </summary>
    /// <returns>How many other gateway instances were told (0 without Redis).</returns>
    /// <exception cref="RedisUnavailableException">Redis is configured but unavailable: the run was evicted from this instance only.</exception>
    public async Task<long> PurgeAsync(RunRef run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _cache.RemoveByTagAsync(run.Key, cancellationToken).ConfigureAwait(false);
        return _invalidation is null ? 0 : await _invalidation.PublishAsync(run.Key, cancellationToken).ConfigureAwait(false);
    }

    private static HybridCacheEntryOptions EntryOptions(TimeSpan lifetime, TimeSpan localLifetime, bool shared) => new()
    {
        Expiration = lifetime,

        // Without Redis the in-process tier is the whole cache, so entries live there for their full lifetime.
        LocalCacheExpiration = shared && localLifetime < lifetime ? localLifetime : lifetime,
    };

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Cache lookup of {Key} failed; treated as a miss.")]
    private static partial void LogLookupFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Could not cache {Key}.")]
    private static partial void LogStoreFailed(ILogger logger, string key, Exception exception);
}

/// <summary>The cache keys and the tag of one run, built once.</summary>
internal sealed class RunEntryKeys
{
    public RunEntryKeys(RunRef run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Tag = run.Key;
        Tags = [Tag];
        Run = string.Concat(RunCache.RunKind, ":", Tag);
        Summary = string.Concat(RunCache.SummaryKind, ":", Tag);
        Specs = string.Concat(RunCache.SpecsKind, ":", Tag);
    }

    /// <summary>The run's tag: its key.</summary>
    public string Tag { get; }

    /// <summary>The tag as the one-element list HybridCache takes.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The key of the run.</summary>
    public string Run { get; }

    /// <summary>The key of its summary.</summary>
    public string Summary { get; }

    /// <summary>The key of all its specs.</summary>
    public string Specs { get; }
}
