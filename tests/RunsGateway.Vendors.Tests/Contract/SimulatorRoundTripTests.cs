using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Contract;

/// <summary>Every seeded simulator run of every vendor loads and maps; the vendor quirks the simulator seeds come through.</summary>
public sealed class SimulatorRoundTripTests(SimulatorRoundTripTests.Fixture fixture) : IClassFixture<SimulatorRoundTripTests.Fixture>
{
    [Theory]
    [InlineData(Vendor.CcExtractor)]
    [InlineData(Vendor.NeetoPlaydash)]
    [InlineData(Vendor.TestVibe)]
    [InlineData(Vendor.Crewship)]
    public async Task GetRunsAsync_EverySeededRun_MapsWithKnownStatusAndOneCallEach(Vendor vendor)
    {
        var host = fixture.Host;
        var seeded = await host.RunsAsync(vendor);
        await host.ResetStatsAsync();

        var results = await host.Vendors.Source.GetRunsAsync(seeded.Select(s => s.Ref).ToArray(), TestContext.Current.CancellationToken);

        seeded.Count.ShouldBeGreaterThan(50);
        results.ShouldAllBe(r => r.IsSuccess);
        // UNKNOWN only for values outside the documented ones (CCExtractor seeds "incomplete", which the mapping sends to UNKNOWN).
        results.Where(r => r.Value.State == RunState.Unknown).ShouldAllBe(r => !DocumentedStatuses(vendor).Contains(r.Value.RawStatus));
        results.Where(r => DocumentedStatuses(vendor).Contains(r.Value.RawStatus)).ShouldAllBe(r => r.Value.State != RunState.Unknown);
        results.Select(r => r.Value.Ref).ShouldBe(seeded.Select(s => s.Ref));
        results.Where(r => r.Value.IsCacheable).ShouldAllBe(r => r.Value.State == RunState.Finished);
        (await host.StatsAsync(vendor))["total"].ShouldBe(seeded.Count);
    }

    private static string[] DocumentedStatuses(Vendor vendor) => vendor switch
    {
        Vendor.CcExtractor => ["queued", "running", "pass", "passed", "fail", "failed", "canceled", "error"],
        Vendor.NeetoPlaydash => ["running", "passed", "failed", "passing", "failing", "timedOut", "interrupted"],
        Vendor.TestVibe => ["running", "passed", "failed"],
        _ => ["pending", "running", "succeeded", "failed", "canceled"],
    };

    [Fact]
    public async Task CcExtractorCanceledRuns_CarryRunErrorsAndSummariesLoad()
    {
        var host = fixture.Host;
        var canceled = (await host.RunsAsync(Vendor.CcExtractor, "canceled")).Select(s => s.Ref).ToArray();
        var runs = (await host.Vendors.Source.GetRunsAsync(canceled, TestContext.Current.CancellationToken)).Select(r => r.Value).ToArray();

        var summaries = await host.Vendors.Source.GetSummariesAsync(runs, TestContext.Current.CancellationToken);

        runs.ShouldNotBeEmpty();
        runs.ShouldAllBe(r => r.Result == RunResult.Canceled && r.State == RunState.Finished);
        runs.ShouldContain(r => r.ErrorMessage != null);
        summaries.ShouldAllBe(s => s.IsSuccess && s.Value != null && s.Value.IsFinal == runs[0].IsCacheable);
        (await host.StatsAsync(Vendor.CcExtractor)).Where(p => p.Key.EndsWith("/summary", StringComparison.Ordinal)).Sum(p => p.Value).ShouldBe(canceled.Length);
    }

    [Fact]
    public async Task NeetoPlaydashLargestRun_AllSpecsLoadAcrossPagesAndMatchTotal()
    {
        var host = fixture.Host;
        var seeded = (await host.RunsAsync(Vendor.NeetoPlaydash)).Select(s => s.Ref).ToArray();
        var runs = (await host.Vendors.Source.GetRunsAsync(seeded, TestContext.Current.CancellationToken)).Select(r => r.Value).ToArray();
        var largest = runs.MaxBy(r => r.FirstSpecPage.TotalCount)!;

        var specs = (await host.Vendors.Source.GetAllSpecsAsync([largest.Ref], TestContext.Current.CancellationToken))[0].Value;

        largest.FirstSpecPage.TotalCount!.Value.ShouldBeGreaterThan(300);
        largest.FirstSpecPage.Items.Count.ShouldBe(SpecPage.UpstreamPageSize);
        largest.FirstSpecPage.HasNextPage.ShouldBeTrue();
        specs.Count.ShouldBe(largest.FirstSpecPage.TotalCount.Value);
        specs.Select(s => s.Id).Distinct().Count().ShouldBe(specs.Count);
    }

    [Fact]
    public async Task TestVibeRuns_ErrorsAtTheTrimLengthAreMarkedTruncated()
    {
        var host = fixture.Host;
        var seeded = (await host.RunsAsync(Vendor.TestVibe, "failed")).Select(s => s.Ref).ToArray();

        var runs = (await host.Vendors.Source.GetRunsAsync(seeded, TestContext.Current.CancellationToken)).Select(r => r.Value).ToArray();

        var tests = runs.SelectMany(r => r.FirstSpecPage.Items.SelectMany(s => s.Tests)).ToArray();
        tests.ShouldContain(t => t.MessageTruncated == true && t.Message!.Length == 1500);
        tests.Where(t => t.MessageTruncated == true).ShouldAllBe(t => t.Message!.Length >= 1500);
        runs.ShouldAllBe(r => r.FirstSpecPage.Items.Count == 1);
        runs.ShouldContain(r => r.Log != null && r.Log.Length <= 4000);
    }

    [Fact]
    public async Task CrewshipRuns_FailedHaveErrorMessageAndSucceededHaveOutput()
    {
        var host = fixture.Host;
        var failed = (await host.RunsAsync(Vendor.Crewship, "failed")).Select(s => s.Ref).ToArray();
        var succeeded = (await host.RunsAsync(Vendor.Crewship, "succeeded")).Select(s => s.Ref).ToArray();

        var failedRuns = (await host.Vendors.Source.GetRunsAsync(failed, TestContext.Current.CancellationToken)).Select(r => r.Value).ToArray();
        var succeededRuns = (await host.Vendors.Source.GetRunsAsync(succeeded, TestContext.Current.CancellationToken)).Select(r => r.Value).ToArray();

        failedRuns.ShouldAllBe(r => r.Result == RunResult.Failed && r.ErrorMessage != null && r.Output == null);
        succeededRuns.ShouldAllBe(r => r.Result == RunResult.Passed && r.Output != null && r.Summary == null);
    }

    /// <summary>One simulator for these read-only tests (they run one after another within the class).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SimulatorHost Host { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Host = await SimulatorHost.StartAsync();

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
