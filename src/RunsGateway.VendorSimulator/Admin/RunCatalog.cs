using RunsGateway.VendorSimulator.CcExtractor;
using RunsGateway.VendorSimulator.Crewship;
using RunsGateway.VendorSimulator.Infrastructure;
using RunsGateway.VendorSimulator.NeetoPlaydash;
using RunsGateway.VendorSimulator.TestVibe;

namespace RunsGateway.VendorSimulator.Admin;

/// <summary>Every seeded run of every vendor with its current raw status.</summary>
internal sealed class RunCatalog(
    CcExtractorStore ccExtractor,
    NeetoPlaydashStore neetoPlaydash,
    TestVibeStore testVibe,
    CrewshipStore crewship,
    SimulatorClock clock)
{
    public IEnumerable<SimulatedRunInfo> List(SimulatedVendor? vendor, string? status)
    {
        var now = clock.Now;
        return All(vendor, now).Where(r => status is null || string.Equals(r.Status, status, StringComparison.OrdinalIgnoreCase));
    }

    private IEnumerable<SimulatedRunInfo> All(SimulatedVendor? vendor, DateTimeOffset now)
    {
        if (vendor is null or SimulatedVendor.CcExtractor)
        {
            var name = SimulatedVendor.CcExtractor.Name();
            foreach (var run in ccExtractor.Runs)
            {
                yield return new SimulatedRunInfo(name, null, run.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), CcExtractorStore.StatusAt(run, now));
            }
        }

        if (vendor is null or SimulatedVendor.NeetoPlaydash)
        {
            var name = SimulatedVendor.NeetoPlaydash.Name();
            foreach (var run in neetoPlaydash.Runs)
            {
                yield return new SimulatedRunInfo(name, run.ProjectId, run.RunId, NeetoPlaydashStore.StatusAt(run, now));
            }
        }

        if (vendor is null or SimulatedVendor.TestVibe)
        {
            var name = SimulatedVendor.TestVibe.Name();
            foreach (var run in testVibe.Runs)
            {
                yield return new SimulatedRunInfo(name, run.Project, run.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), TestVibeStore.StatusAt(run, now));
            }
        }

        if (vendor is null or SimulatedVendor.Crewship)
        {
            var name = SimulatedVendor.Crewship.Name();
            foreach (var run in crewship.Runs)
            {
                yield return new SimulatedRunInfo(name, null, run.Id, CrewshipStore.StatusAt(run, now));
            }
        }
    }
}
