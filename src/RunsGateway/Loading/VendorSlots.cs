using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;

namespace RunsGateway.Loading;

/// <summary>
/// The gateway's fair share of each vendor's concurrency: one <see cref="FairSlots"/> per vendor, as many slots as the vendor's
/// <c>MaxConcurrentRequests</c>, with <see cref="RequestBudgetOptions.MaxVendorCallsPerRequest"/> as one request's share while
/// others wait. The vendor client's own concurrency limiter stays the hard cap (it also counts the live-run pollers' calls).
/// </summary>
internal sealed class VendorSlots
{
    private readonly FairSlots[] _byVendor;

    public VendorSlots(
        IOptions<RequestBudgetOptions> budget,
        IOptions<CcExtractorOptions> ccExtractor,
        IOptions<NeetoPlaydashOptions> neetoPlaydash,
        IOptions<TestVibeOptions> testVibe,
        IOptions<CrewshipOptions> crewship)
    {
        var share = budget.Value.MaxVendorCallsPerRequest;
        _byVendor = new FairSlots[Enum.GetValues<Vendor>().Max(v => (int)v) + 1];
        foreach (VendorOptions options in (VendorOptions[])[ccExtractor.Value, neetoPlaydash.Value, testVibe.Value, crewship.Value])
        {
            _byVendor[(int)options.Vendor] = new FairSlots(options.MaxConcurrentRequests, share);
        }
    }

    /// <summary>The slots of calls to <paramref name="vendor"/>.</summary>
    public FairSlots For(Vendor vendor) => _byVendor[(int)vendor];
}
