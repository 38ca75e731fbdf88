using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;

namespace RunsGateway.Vendors.Http;

/// <summary>The process-wide <see cref="VendorPipeline"/> of each vendor (so circuit state and concurrency limits are shared).</summary>
internal sealed class VendorPipelines(
    IOptions<CcExtractorOptions> ccExtractor,
    IOptions<NeetoPlaydashOptions> neetoPlaydash,
    IOptions<TestVibeOptions> testVibe,
    IOptions<CrewshipOptions> crewship,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentDictionary<Vendor, Lazy<VendorPipeline>> _pipelines = new();

    public VendorPipeline For(Vendor vendor) =>
        _pipelines.GetOrAdd(vendor, v => new Lazy<VendorPipeline>(() => Create(v))).Value;

    public VendorOptions OptionsFor(Vendor vendor) => vendor switch
    {
        Vendor.CcExtractor => ccExtractor.Value,
        Vendor.NeetoPlaydash => neetoPlaydash.Value,
        Vendor.TestVibe => testVibe.Value,
        Vendor.Crewship => crewship.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown vendor."),
    };

    public void Dispose()
    {
        foreach (var pipeline in _pipelines.Values)
        {
            if (pipeline.IsValueCreated)
            {
                pipeline.Value.Dispose();
            }
        }
    }

    private VendorPipeline Create(Vendor vendor) =>
        new(OptionsFor(vendor), timeProvider, loggerFactory.CreateLogger($"RunsGateway.Vendors.{vendor}"));
}
