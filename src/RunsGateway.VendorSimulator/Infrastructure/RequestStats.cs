using System.Collections.Concurrent;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>Request counters per vendor and endpoint, plus in-flight and maximum concurrent requests per vendor.</summary>
internal sealed class RequestStats
{
    /// <summary>Key of the per-vendor request total.</summary>
    public const string TotalKey = "total";

    /// <summary>Key of the highest number of requests of the vendor in flight at once since the last reset.</summary>
    public const string MaxConcurrentKey = "maxConcurrent";

    /// <summary>Key of the number of requests of the vendor in flight now.</summary>
    public const string InFlightKey = "inFlight";

    private readonly Dictionary<SimulatedVendor, VendorCounters> _counters =
        SimulatedVendors.All.ToDictionary(v => v, _ => new VendorCounters());

    public void Record(SimulatedVendor vendor, string endpoint)
    {
        var counters = _counters[vendor];
        counters.Endpoints.AddOrUpdate(endpoint, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref counters.Total);
    }

    /// <summary>Marks a request in flight until the returned scope is disposed.</summary>
    public InFlightScope Enter(SimulatedVendor vendor)
    {
        var counters = _counters[vendor];
        var now = Interlocked.Increment(ref counters.InFlight);
        var max = Volatile.Read(ref counters.MaxConcurrent);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref counters.MaxConcurrent, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }

        return new InFlightScope(counters);
    }

    public void Reset()
    {
        foreach (var counters in _counters.Values)
        {
            counters.Endpoints.Clear();
            Interlocked.Exchange(ref counters.Total, 0);
            Interlocked.Exchange(ref counters.MaxConcurrent, Volatile.Read(ref counters.InFlight));
        }
    }

    /// <summary>The stats document: vendor name → {"&lt;METHOD&gt; &lt;template&gt;": n, "total": n, "maxConcurrent": n, "inFlight": n}.</summary>
    public Dictionary<string, Dictionary<string, long>> Snapshot()
    {
        var result = new Dictionary<string, Dictionary<string, long>>();
        foreach (var vendor in SimulatedVendors.All)
        {
            var counters = _counters[vendor];
            var entry = new Dictionary<string, long>();
            foreach (var pair in counters.Endpoints.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                entry[pair.Key] = pair.Value;
            }

            entry[TotalKey] = Volatile.Read(ref counters.Total);
            entry[MaxConcurrentKey] = Volatile.Read(ref counters.MaxConcurrent);
            entry[InFlightKey] = Volatile.Read(ref counters.InFlight);
            result[vendor.Name()] = entry;
        }

        return result;
    }

    internal sealed class VendorCounters
    {
#pragma warning disable CA1051 // fields so that Interlocked can update them in place
        public long Total;
        public long InFlight;
        public long MaxConcurrent;
#pragma warning restore CA1051
        public ConcurrentDictionary<string, long> Endpoints { get; } = new(StringComparer.Ordinal);
    }

    internal readonly struct InFlightScope(VendorCounters counters) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref counters.InFlight);
    }
}
