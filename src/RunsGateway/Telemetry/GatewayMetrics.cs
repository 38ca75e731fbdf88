using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RunsGateway.Telemetry;

/// <summary>The gateway's OpenTelemetry instruments: cache hits and misses, cache failures, DataLoader batch sizes.</summary>
internal sealed class GatewayMetrics : IDisposable
{
    /// <summary>The name of the gateway's meter and activity source.</summary>
    public const string Name = "RunsGateway";

    private readonly Meter _meter;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _cacheFailures;
    private readonly Histogram<int> _batchSizes;
    private Counter<long>? _clientRequests;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _cacheHits = _meter.CreateCounter<long>("runsgateway.cache.hits", description: "Cache lookups that found a finished run part.");
        _cacheMisses = _meter.CreateCounter<long>("runsgateway.cache.misses", description: "Cache lookups that found nothing.");
        _cacheFailures = _meter.CreateCounter<long>("runsgateway.cache.failures", description: "Cache round trips that failed or timed out.");
        _batchSizes = _meter.CreateHistogram<int>("runsgateway.dataloader.batch_size", description: "Keys per DataLoader batch.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public void CacheLookups(string kind, int hits, int misses)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        if (Activity.Current is { OperationName: var name } lookup && name.StartsWith("cache lookup", StringComparison.Ordinal) && lookup.Source == ActivitySource)
        {
            lookup.SetTag("runsgateway.cache.hits", hits);
            lookup.SetTag("runsgateway.cache.misses", misses);
        }

        if (hits > 0)
        {
            _cacheHits.Add(hits, tag);
        }

        if (misses > 0)
        {
            _cacheMisses.Add(misses, tag);
        }
    }

    /// <summary>Counts one hit of the in-process tier answered without a batched lookup (no span).</summary>
    public void LocalCacheHit(string kind) => _cacheHits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void CacheFailure() => _cacheFailures.Add(1);

    public void BatchSize(string loader, int size) => _batchSizes.Record(size, new KeyValuePair<string, object?>("loader", loader));

    /// <summary>Counts one authenticated GraphQL operation of <paramref name="client"/> (<c>key:NAME</c> or <c>sub:SUBJECT</c>).</summary>
    public void ClientRequest(string client)
    {
        _clientRequests ??= _meter.CreateCounter<long>("runsgateway.client.requests", description: "GraphQL operations per authenticated client.");
        _clientRequests.Add(1, new KeyValuePair<string, object?>("client", client));
    }

    public void Dispose() => _meter.Dispose();
}
