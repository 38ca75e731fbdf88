using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.Drift;

/// <summary>
/// Compares every vendor answer with the shape its DTO reads and keeps the distinct findings (vendor, endpoint, path, kind): each is
/// counted in <c>runsgateway.vendor.drift</c>, logged once as a warning when first seen, and listed by <see cref="Findings"/>. Neither the
/// metric, the log nor the listing ever carries a payload value.
/// </summary>
internal sealed partial class DriftMonitor : IVendorDriftReport
{
    /// <summary>The metric's name.</summary>
    public const string MetricName = "runsgateway.vendor.drift";

    private readonly ConcurrentDictionary<FindingKey, Entry> _entries = new();
    private readonly Counter<long> _drift;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DriftMonitor> _logger;

    private readonly bool _enabled;

    public DriftMonitor(IMeterFactory meterFactory, TimeProvider timeProvider, ILogger<DriftMonitor> logger, IOptions<VendorDriftOptions>? options = null)
    {
        _enabled = options?.Value.Enabled ?? true;
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(VendorTelemetry.Name);
        _drift = meter.CreateCounter<long>(MetricName, unit: "{answer}", description: "Vendor answers that departed from the shape the gateway reads, per distinct finding.");
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Inspects one answer (the bytes already read) of the endpoint read into <paramref name="typeInfo"/>.</summary>
    public void Inspect(Vendor vendor, JsonTypeInfo typeInfo, ReadOnlySpan<byte> body, RunRef? run)
    {
        if (!_enabled || VendorEndpoints.Find(vendor, typeInfo) is not { } endpoint || PayloadInspector.Inspect(endpoint.Shape, body) is not { } observations)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        foreach (var observation in observations)
        {
            var key = new FindingKey(vendor, endpoint.Route, observation.Path, observation.Kind);
            var entry = _entries.GetOrAdd(key, static (_, state) => new Entry(state.now, state.run), (now, run: run?.Key));
            if (entry.Seen(now) == 1)
            {
                LogFirstSeen(vendor.ToSlug(), endpoint.Route, observation.Path, observation.Kind.ToName());
            }

            _drift.Add(
                1,
                new KeyValuePair<string, object?>("runsgateway.vendor", vendor.ToSlug()),
                new KeyValuePair<string, object?>("runsgateway.vendor.endpoint", endpoint.Route),
                new KeyValuePair<string, object?>("runsgateway.drift.path", observation.Path),
                new KeyValuePair<string, object?>("runsgateway.drift.kind", observation.Kind.ToName()));
        }
    }

    public IReadOnlyList<VendorDriftFinding> Findings() =>
    [
        .. _entries
            .Select(pair => pair.Value.ToFinding(pair.Key))
            .OrderBy(f => f.Vendor, StringComparer.Ordinal)
            .ThenBy(f => f.Endpoint, StringComparer.Ordinal)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Kind, StringComparer.Ordinal),
    ];

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Vendor drift: {Vendor} {Endpoint} answered with {DriftKind} at {DriftPath}")]
    private partial void LogFirstSeen(string vendor, string endpoint, string driftPath, string driftKind);

    private readonly record struct FindingKey(Vendor Vendor, string Endpoint, string Path, DriftKind Kind);

    private sealed class Entry(DateTimeOffset firstSeen, string? exampleRun)
    {
        private readonly Lock _gate = new();
        private readonly DateTimeOffset _firstSeen = firstSeen;
        private DateTimeOffset _lastSeen = firstSeen;
        private long _count;

        /// <summary>Counts one more answer; returns the new count.</summary>
        public long Seen(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now > _lastSeen)
                {
                    _lastSeen = now;
                }

                return ++_count;
            }
        }

        public VendorDriftFinding ToFinding(FindingKey key)
        {
            lock (_gate)
            {
                return new VendorDriftFinding(key.Vendor.ToSlug(), key.Endpoint, key.Path, key.Kind.ToName(), _firstSeen, _lastSeen, _count, exampleRun);
            }
        }
    }
}
