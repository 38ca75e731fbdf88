using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;

namespace RunsGateway.Vendors.Http;

/// <summary>
/// The process-wide <see cref="VendorRateBudget"/> of each vendor, and on the vendor layer's meter (<c>RunsGateway.Vendors</c>, shared with <see cref="VendorTelemetry"/>) the gauge
/// <c>runsgateway.vendor.budget.remaining</c>: the requests each vendor's budget still lets through now (reported for vendors with a
/// client-side limit or with <c>X-RateLimit-*</c> headers seen).
/// </summary>
internal sealed class VendorBudgets : IDisposable
{
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Vendor, Lazy<VendorRateBudget>> _budgets = new();
    private readonly Meter _meter;

    public VendorBudgets(IServiceProvider services, TimeProvider time)
    {
        _services = services;
        _time = time;
        _meter = services.GetRequiredService<IMeterFactory>().Create(VendorTelemetry.Name);
        _meter.CreateObservableGauge(
            "runsgateway.vendor.budget.remaining",
            Measure,
            unit: "{request}",
            description: "Requests the vendor's budget still allows now (client-side RequestsPerMinute and the vendor's X-RateLimit-Remaining).");
    }

    public VendorRateBudget For(Vendor vendor) =>
        _budgets.GetOrAdd(vendor, v => new Lazy<VendorRateBudget>(() => new VendorRateBudget(OptionsFor(v), _time))).Value;

    public VendorOptions OptionsFor(Vendor vendor) => vendor switch
    {
        Vendor.CcExtractor => _services.GetRequiredService<IOptions<CcExtractorOptions>>().Value,
        Vendor.NeetoPlaydash => _services.GetRequiredService<IOptions<NeetoPlaydashOptions>>().Value,
        Vendor.TestVibe => _services.GetRequiredService<IOptions<TestVibeOptions>>().Value,
        Vendor.Crewship => _services.GetRequiredService<IOptions<CrewshipOptions>>().Value,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown vendor."),
    };

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Measure()
    {
        foreach (var (vendor, budget) in _budgets)
        {
            if (budget.IsValueCreated && budget.Value.Remaining is { } remaining)
            {
                yield return new Measurement<long>(remaining, new KeyValuePair<string, object?>("vendor", vendor.ToSlug()));
            }
        }
    }
}
