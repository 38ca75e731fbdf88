using System.Diagnostics.CodeAnalysis;
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
internal sealed class RunLoaders(IRunSource source, RunCache cache, GatewayMetrics metrics, VendorSlots slots)
{
    private readonly SharedCalls<Core.Result<Run?>> _runCalls = new();
    private readonly SharedCalls<Core.Result<Summary?>> _summaryCalls = new();
    private readonly SharedCalls<Core.Result<SpecPage?>> _pageCalls = new();
    private readonly SharedCalls<Core.Result<SpecList?>> _allSpecsCalls = new();
    private int _vendorCallsInFlight;

    /// <summary>Vendor calls the loaders are making right now (for tests and metrics).</summary>
    public int VendorCallsInFlight => Volatile.Read(ref _vendorCallsInFlight);

    /// <summary>A run this instance holds in its in-process cache: answered at once, without a batch (see <see cref="TryGetCached"/>).</summary>
    internal bool TryGetCachedRun(RunRef key, VendorStatusTracker tracker, [NotNullWhen(true)] out Run? run) =>
        TryGetCached(RunCache.RunKind, key, cache.KeysOf(key).Run, tracker, out run);

    /// <summary>A finished run's summary this instance holds in its in-process cache.</summary>
    internal bool TryGetCachedSummary(RunKey key, VendorStatusTracker tracker, [NotNullWhen(true)] out Summary? summary)
    {
        summary = null;
        return key.IsCacheable && TryGetCached(RunCache.SummaryKind, key.Ref, cache.KeysOf(key.Ref).Summary, tracker, out summary);
    }

    /// <summary>All of a finished run's specs, when this instance holds them in its in-process cache.</summary>
    internal bool TryGetCachedSpecs(RunKey key, VendorStatusTracker tracker, [NotNullWhen(true)] out SpecList? specs)
    {
        specs = null;
        return key.IsCacheable && TryGetCached(RunCache.SpecsKind, key.Ref, cache.KeysOf(key.Ref).Specs, tracker, out specs);
    }

    /// <summary>
    /// An in-process cache hit, recorded as the batched lookup would record it (a cache answer for the run's vendor). A miss, or
    /// an entry only Redis holds, leaves the key to the loader's next batch.
    /// </summary>
    private bool TryGetCached<TValue>(string kind, RunRef run, string key, VendorStatusTracker tracker, [NotNullWhen(true)] out TValue? value)
        where TValue : class
    {
        if (!cache.TryGetLocal(kind, key, out value))
        {
            return false;
        }

        tracker.Record(run.Vendor, null, fromCache: true);
        return true;
    }

    internal Task<IReadOnlyDictionary<RunRef, Loaded.Result<Run>>> LoadRunsAsync(IReadOnlyList<RunRef> keys, VendorStatusTracker tracker, RequestBudget budget, CancellationToken cancellationToken) =>
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
            budget,
            cancellationToken);

    internal Task<IReadOnlyDictionary<RunKey, Loaded.Result<Summary>>> LoadSummariesAsync(IReadOnlyList<RunKey> keys, VendorStatusTracker tracker, RequestBudget budget, CancellationToken cancellationToken) =>
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
            budget,
            cancellationToken);

    internal Task<IReadOnlyDictionary<SpecPageKey, Loaded.Result<SpecPage>>> LoadSpecPagesAsync(IReadOnlyList<SpecPageKey> keys, VendorStatusTracker tracker, RequestBudget budget, CancellationToken cancellationToken) =>
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
            budget,
            cancellationToken);

    internal Task<IReadOnlyDictionary<RunKey, Loaded.Result<SpecList>>> LoadAllSpecsAsync(IReadOnlyList<RunKey> keys, VendorStatusTracker tracker, RequestBudget budget, CancellationToken cancellationToken) =>
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
            budget,
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
        RequestBudget budget,
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
            if (results.ContainsKey(keys[i]))
            {
                continue;
            }

            // Each distinct upstream resource counts once against the request's budget; past it the key fails without a call.
            var resource = cacheKind == RunCache.RunKind ? RequestBudget.RunResource(refOf(keys[i])) : cacheKind + ":" + cacheKeys[i];
            if (budget.TryTake([resource]))
            {
                misses.Add(keys[i]);
                missKeys.Add(cacheKeys[i]);
            }
            else
            {
                results[keys[i]] = Loaded.Result.Failure<TValue>(budget.Exceeded(1));
            }
        }

        if (misses.Count == 0)
        {
            return results;
        }

        var tasks = calls.GetOrStart(missKeys, async (indices, callToken) =>
        {
            var batch = new TKey[indices.Count];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = misses[indices[i]];
            }

            // The call is shared with other requests: it is cancelled (callToken) only when none of them waits any more.
            var fetched = await FetchFairlyAsync(batch, refOf, fetch, budget, callToken).ConfigureAwait(false);
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
        }, cancellationToken);

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

    /// <summary>
    /// Fetches a batch one key at a time, each call holding one of its vendor's slots (<see cref="VendorSlots"/>), shared fairly with
    /// other requests: alone, the request may use every free slot; while others wait it holds at most
    /// <see cref="RequestBudgetOptions.MaxVendorCallsPerRequest"/>.
    /// </summary>
    private async Task<IReadOnlyList<Core.Result<TValue?>>> FetchFairlyAsync<TKey, TValue>(
        TKey[] batch,
        Func<TKey, RunRef> refOf,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyList<Core.Result<TValue?>>>> fetch,
        RequestBudget budget,
        CancellationToken cancellationToken)
        where TValue : class
    {
        var calls = new Task<Core.Result<TValue?>>[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            calls[i] = FetchOneAsync(batch[i], slots.For(refOf(batch[i]).Vendor), budget, fetch, cancellationToken);
        }

        return await Task.WhenAll(calls).ConfigureAwait(false);
    }

    private async Task<Core.Result<TValue?>> FetchOneAsync<TKey, TValue>(
        TKey key,
        FairSlots vendorSlots,
        RequestBudget owner,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyList<Core.Result<TValue?>>>> fetch,
        CancellationToken cancellationToken)
        where TValue : class
    {
        using var slot = await vendorSlots.AcquireAsync(owner, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _vendorCallsInFlight);
        try
        {
            return (await fetch([key], cancellationToken).ConfigureAwait(false))[0];
        }
        finally
        {
            Interlocked.Decrement(ref _vendorCallsInFlight);
        }
    }
}
