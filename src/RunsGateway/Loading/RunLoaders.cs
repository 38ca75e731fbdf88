using RunsGateway.Caching;
using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.Telemetry;
using Loaded = RunsGateway.GraphQL.DataLoading;

namespace RunsGateway.Loading;

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
    private readonly SharedCalls<Core.Result<SpecList?>> _allSpecsCalls = new();

    internal Task<IReadOnlyDictionary<RunRef, Loaded.Result<Run>>> LoadRunsAsync(IReadOnlyList<RunRef> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "runs",
            keys,
            static key => key,
            key => cache.KeysOf(key).Run,
            static key => true,
            RunCache.RunKind,
            _runCalls,
            async (misses, ct) => [.. (await source.GetRunsAsync(misses, ct).ConfigureAwait(false)).Select(r => r.Map<Run?>(run => run))],
            static (key, run) => run.IsCacheable,
            tracker,
            cancellationToken);

    internal Task<IReadOnlyDictionary<RunKey, Loaded.Result<Summary>>> LoadSummariesAsync(IReadOnlyList<RunKey> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "summaries",
            keys,
            static key => key.Ref,
            key => cache.KeysOf(key.Ref).Summary,
            static key => key.IsCacheable,
            RunCache.SummaryKind,
            _summaryCalls,
            (misses, ct) => source.GetSummariesAsync([.. misses.Select(key => key.Run)], ct),
            static (key, summary) => key.IsCacheable,
            tracker,
            cancellationToken);

    internal Task<IReadOnlyDictionary<SpecPageKey, Loaded.Result<SpecPage>>> LoadSpecPagesAsync(IReadOnlyList<SpecPageKey> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "specPages",
            keys,
            static key => key.Run,
            static key => RunCache.PageKeyOf(key.Run, key.PageNumber, key.Status),
            static key => key.IsCacheable,
            RunCache.SpecPageKind,
            _pageCalls,
            async (misses, ct) => [.. (await source.GetSpecPagesAsync([.. misses.Select(k => new SpecPageRequest(k.Run, k.PageNumber, k.Status))], ct).ConfigureAwait(false)).Select(r => r.Map<SpecPage?>(page => page))],
            static (key, page) => key.IsCacheable,
            tracker,
            cancellationToken);

    internal Task<IReadOnlyDictionary<RunKey, Loaded.Result<SpecList>>> LoadAllSpecsAsync(IReadOnlyList<RunKey> keys, VendorStatusTracker tracker, CancellationToken cancellationToken) =>
        LoadAsync(
            "allSpecs",
            keys,
            static key => key.Ref,
            key => cache.KeysOf(key.Ref).Specs,
            static key => key.IsCacheable,
            RunCache.SpecsKind,
            _allSpecsCalls,
            async (misses, ct) =>
            {
                var results = await source.GetAllSpecsAsync([.. misses.Select(key => key.Ref)], ct).ConfigureAwait(false);
                return [.. results.Select(r => r.Map<SpecList?>(specs => new SpecList([.. specs])))];
            },
            static (key, _) => key.IsCacheable,
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
        var cacheKeys = new string[keys.Count];
        var lookups = new List<(RunRef Run, string Key)>(keys.Count);
        var lookedUp = new List<int>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            cacheKeys[i] = keyOf(keys[i]);
            if (mayBeCached(keys[i]))
            {
                lookups.Add((refOf(keys[i]), cacheKeys[i]));
                lookedUp.Add(i);
            }
        }

        var hits = 0;
        if (lookups.Count > 0)
        {
            var cached = new TValue?[lookups.Count];
            hits = await cache.GetManyAsync(cacheKind, lookups, cached, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < cached.Length; i++)
            {
                if (cached[i] is { } hit)
                {
                    results[keys[lookedUp[i]]] = Loaded.Result.Success<TValue>(hit);
                    tracker.Record(lookups[i].Run.Vendor, null, fromCache: true);
                }
            }
        }

        if (hits == keys.Count)
        {
            return results;
        }

        var misses = new List<TKey>(keys.Count - hits);
        var missKeys = new List<string>(keys.Count - hits);
        for (var i = 0; i < keys.Count; i++)
        {
            if (!results.ContainsKey(keys[i]))
            {
                misses.Add(keys[i]);
                missKeys.Add(cacheKeys[i]);
            }
        }

        var tasks = calls.GetOrStart(missKeys, async indices =>
        {
            var batch = new TKey[indices.Count];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = misses[indices[i]];
            }

            // Shared with other requests: one request's cancellation must not cancel the others' call; the vendor clients time out.
            var fetched = await fetch(batch, CancellationToken.None).ConfigureAwait(false);
            List<Task>? stores = null;
            for (var i = 0; i < batch.Length; i++)
            {
                if (fetched[i].TryGetValue(out var value) && value is { } storable && shouldStore(batch[i], storable))
                {
                    (stores ??= []).Add(cache.SetAsync(refOf(batch[i]), missKeys[indices[i]], storable, CancellationToken.None).AsTask());
                }
            }

            if (stores is not null)
            {
                await Task.WhenAll(stores).ConfigureAwait(false);
            }

            return fetched;
        });

        var outcomes = await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < misses.Count; i++)
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
