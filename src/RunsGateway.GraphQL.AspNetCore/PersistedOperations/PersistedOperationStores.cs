using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace RunsGateway.GraphQL.AspNetCore.PersistedOperations;

/// <summary>
/// Keeps persisted queries in the application's <see cref="IDistributedCache"/> (Redis when the host configures it), so
/// every instance knows every query; entries slide for 30 days.
/// </summary>
internal sealed class DistributedCachePersistedOperationStore(IDistributedCache cache) : IPersistedOperationStore
{
    private const string KeyPrefix = "apq:";
    private static readonly DistributedCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromDays(30) };

    public async ValueTask<string?> GetAsync(string hash, CancellationToken cancellationToken)
    {
        var bytes = await cache.GetAsync(KeyPrefix + hash, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    public async ValueTask SaveAsync(string hash, string document, CancellationToken cancellationToken) =>
        await cache.SetAsync(KeyPrefix + hash, Encoding.UTF8.GetBytes(document), Entry, cancellationToken).ConfigureAwait(false);
}

/// <summary>Keeps persisted queries in process (no distributed cache registered), up to a bound.</summary>
internal sealed class InMemoryPersistedOperationStore : IPersistedOperationStore
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);

    public ValueTask<string?> GetAsync(string hash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_documents.TryGetValue(hash, out var document) ? document : null);

    public ValueTask SaveAsync(string hash, string document, CancellationToken cancellationToken)
    {
        // Past the bound new queries are not kept; clients then send the document each time, which still works.
        if (_documents.Count < MaxEntries)
        {
            _documents.TryAdd(hash, document);
        }

        return ValueTask.CompletedTask;
    }
}
