using System.Globalization;
using RunsGateway.Caching;
using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.Telemetry;
using Loaded = RunsGateway.GraphQL.DataLoading;

namespace RunsGateway.Loading;

/// <summary>A request for one upstream page of a run's specs, keyed by the loaded run so the page's cacheability is known.</summary>
internal sealed record SpecPageKey(Run Run, int PageNumber, TestStatus? Status);

/// <summary>
/// The batch functions of the gateway's DataLoader classes (<c>Schema/DataLoaders.cs</c>). Within a request each loader batches the loads of one execution level and de-duplicates keys;
/// each batch first asks the cache (one round trip), then the vendors for the misses; identical in-flight vendor calls are shared
/// with concurrent requests (<see cref="SharedCalls{TValue}"/>), and finished results are stored once, by the call that fetched them.
/// A run that does not exist loads as null; other vendor failures become GraphQL errors on the fields that needed them.
/// </summary>
internal sealed class RunLoaders(IRunSource source, RunCache cache, GatewayMetrics metrics)
{
    private readonly SharedCalls<Core.Result<Run?>> _runCalls = new();
    private readonly SharedCalls<Core.Result<Summary?>> _summaryCalls = new();
    private readonly SharedCalls<Core.Result<SpecPage?>> _pageCalls = new();
    private readonly SharedCalls<Core.Result<List<Spec>?>> _allSpecsCalls = new();

    internal static string PageCacheKey(SpecPageKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.Run.Ref.Key}:{key.PageNumber}:{key.Status?.ToString() ?? "all"}");

    internal Task<IReadOnlyDictionary<RunRef, Loaded.Result<Run>>> LoadRunsAsync(IReadOnlyList<RunRef> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "runs",
            keys,
            key => key,
            key => key.Key,
            key => true,
            "run",
            CacheJsonContext.Default.Run,
            _runCalls,
            async (misses, ct) => [.. (await source.GetRunsAsync(misses, ct).ConfigureAwait(false)).Select(r => r.Map<Run?>(run => run))],
            (key, run) => run.IsCacheable,
            tracker,
            cancellationToken);

    internal Task<IReadOnlyDictionary<Run, Loaded.Result<Summary>>> LoadSummariesAsync(IReadOnlyList<Run> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "summaries",
            keys,
            run => run.Ref,
            run => run.Ref.Key,
            run => run.IsCacheable,
            "summary",
            CacheJsonContext.Default.Summary,
            _summaryCalls,
            (misses, ct) => source.GetSummariesAsync(misses, ct),
            (run, summary) => run.IsCacheable && summary is not null,
            tracker,
            cancellationToken);

    internal Task<IReadOnlyDictionary<SpecPageKey, Loaded.Result<SpecPage>>> LoadSpecPagesAsync(IReadOnlyList<SpecPageKey> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "specPages",
            keys,
            key => key.Run.Ref,
            PageCacheKey,
            key => key.Run.IsCacheable,
            "specpage",
            CacheJsonContext.Default.SpecPage,
            _pageCalls,
            async (misses, ct) => [.. (await source.GetSpecPagesAsync([.. misses.Select(k => new SpecPageRequest(k.Run.Ref, k.PageNumber, k.Status))], ct).ConfigureAwait(false)).Select(r => r.Map<SpecPage?>(page => page))],
            (key, page) => key.Run.IsCacheable,
            tracker,
            cancellationToken);

    internal Task<IReadOnlyDictionary<Run, Loaded.Result<List<Spec>>>> LoadAllSpecsAsync(IReadOnlyList<Run> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "allSpecs",
            keys,
            run => run.Ref,
            run => run.Ref.Key,
            run => run.IsCacheable,
            "specs",
            CacheJsonContext.Default.ListSpec,
            _allSpecsCalls,
            async (misses, ct) =>
            {
                var results = await source.GetAllSpecsAsync([.. misses.Select(r => r.Ref)], ct).ConfigureAwait(false);
                return [.. results.Select(r => r.Map<List<Spec>?>(specs => [.. specs]))];
            },
            (run, _) => run.IsCacheable,
            tracker,
            cancellationToken);

    /// <summary>
    /// The one batch algorithm every loader shares: cache lookup for the keys that may be cached, shared vendor calls for the
    /// misses (storing what is finished), and per-key results where "not found" is a missing key.
    /// </summary>
    private async Task<IReadOnlyDictionary<TKey, Loaded.Result<TValue>>> LoadAsync<TKey, TValue>(
        string loaderName,
        IReadOnlyList<TKey> keys,
        Func<TKey, RunRef> refOf,
        Func<TKey, string> keyOf,
        Func<TKey, bool> mayBeCached,
        string cacheKind,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TValue> typeInfo,
        SharedCalls<Core.Result<TValue?>> calls,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyList<Core.Result<TValue?>>>> fetch,
        Func<TKey, TValue, bool> shouldStore,
        VendorStatusTracker tracker,
        CancellationToken cancellationToken)
        where TKey : notnull
        where TValue : class
    {
        metrics.BatchSize(loaderName, keys.Count);
        var results = new Dictionary<TKey, Loaded.Result<TValue>>(keys.Count);

        var cacheable = keys.Where(mayBeCached).ToArray();
        var cached = await cache.GetManyAsync(cacheKind, [.. cacheable.Select(keyOf)], typeInfo, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < cacheable.Length; i++)
        {
            if (cached[i] is { } hit)
            {
                results[cacheable[i]] = Loaded.Result.Success<TValue>(hit);
                tracker.Record(refOf(cacheable[i]).Vendor, null, fromCache: true);
            }
        }

        var misses = keys.Where(k => !results.ContainsKey(k)).ToArray();
        if (misses.Length == 0)
        {
            return results;
        }

        var tasks = calls.GetOrStart([.. misses.Select(keyOf)], async indices =>
        {
            var batch = indices.Select(i => misses[i]).ToArray();
            // Shared with other requests: one request's cancellation must not cancel the others' call; the vendor clients time out.
            var fetched = await fetch(batch, CancellationToken.None).ConfigureAwait(false);
            var toStore = new List<(RunRef, string, TValue)>();
            for (var i = 0; i < batch.Length; i++)
            {
                if (fetched[i].TryGetValue(out var value) && value is { } storable && shouldStore(batch[i], storable))
                {
                    toStore.Add((refOf(batch[i]), keyOf(batch[i]), storable));
                }
            }

            await cache.SetManyAsync(cacheKind, toStore, typeInfo, CancellationToken.None).ConfigureAwait(false);
            return fetched;
        });

        var outcomes = await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < misses.Length; i++)
        {
            var outcome = outcomes[i];
            tracker.Record(refOf(misses[i]).Vendor, outcome.Error);
            if (outcome.TryGetValue(out var value))
            {
                // A vendor without the resource (e.g. Crewship's summary) loads as null.
                if (value is { } typed)
                {
                    results[misses[i]] = Loaded.Result.Success<TValue>(typed);
                }
            }
            else if (outcome.Error!.Kind != VendorErrorKind.NotFound)
            {
                results[misses[i]] = Loaded.Result.Failure<TValue>(VendorErrors.ToException(outcome.Error!));
            }
        }

        return results;
    }
}
