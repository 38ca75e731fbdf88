using System.Text.Json.Nodes;

namespace RunsGateway.Tests.Integration;

/// <summary>Proves the DataLoader, in-flight sharing and cache promises with the simulator's request counters.</summary>
public sealed class CallCountTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static long RunCalls(IReadOnlyDictionary<string, long> stats) =>
        stats.Where(p => p.Key.StartsWith("GET ", StringComparison.Ordinal) && !p.Key.Contains("summary", StringComparison.Ordinal)).Sum(p => p.Value);

    private static long SummaryCalls(IReadOnlyDictionary<string, long> stats) =>
        stats.Where(p => p.Key.StartsWith("GET ", StringComparison.Ordinal) && p.Key.Contains("summary", StringComparison.Ordinal)).Sum(p => p.Value);

    [Fact]
    public async Task Runs_TwentyFinishedCcExtractorRunsWithSummaries_CostTwentyPlusTwentyColdAndNothingWarm()
    {
        var finished = new List<SimulatedRun>();
        foreach (var status in new[] { "pass", "fail", "canceled", "error" })
        {
            finished.AddRange(await _host.RunsAsync("ccextractor", status));
        }

        finished.Count.ShouldBeGreaterThanOrEqualTo(20);
        var refs = finished.Take(20).Select(r => new Dictionary<string, object?> { ["vendor"] = "CCEXTRACTOR", ["runId"] = r.RunId }).ToList();
        const string query = "query($refs: [RunRef!]!) { runs(refs: $refs) { runId isFinished summary { total failed isFinal } } }";
        await _host.ResetStatsAsync();

        var cold = await _host.QueryAsync(query, new { refs });
        var coldStats = await _host.StatsAsync("ccextractor");
        var warm = await _host.QueryAsync(query, new { refs });
        var warmStats = await _host.StatsAsync("ccextractor");

        cold["errors"].ShouldBeNull();
        cold["data"]!["runs"]!.AsArray().Count.ShouldBe(20);
        cold["data"]!["runs"]!.AsArray().ShouldAllBe(run => run!["isFinished"]!.GetValue<bool>() && run["summary"]!["isFinal"]!.GetValue<bool>());
        RunCalls(coldStats).ShouldBe(20);
        SummaryCalls(coldStats).ShouldBe(20);
        warm["data"]!.ToJsonString().ShouldBe(cold["data"]!.ToJsonString(), "warm answers equal cold ones");
        warm["extensions"]!["vendors"]!["CCEXTRACTOR"]!["fromVendor"]!.GetValue<int>().ShouldBe(0);
        RunCalls(warmStats).ShouldBe(20, "a warm query costs no run call");
        SummaryCalls(warmStats).ShouldBe(20, "a warm query costs no summary call");
    }

    [Fact]
    public async Task Query_SameRunNamedThreeWays_CostsOneCall()
    {
        var run = (await _host.RunsAsync("crewship", "running"))[0];
        var first = await _host.QueryAsync($$"""{ run(vendor: CREWSHIP, runId: "{{run.RunId}}") { id } }""");
        var id = first["data"]!["run"]!["id"]!.GetValue<string>();
        await _host.ResetStatsAsync();

        var response = await _host.QueryAsync($$"""
            {
              a: run(vendor: CREWSHIP, runId: "{{run.RunId}}") { rawStatus }
              b: runs(refs: [{ vendor: CREWSHIP, runId: "{{run.RunId}}" }, { vendor: CREWSHIP, runId: "{{run.RunId}}" }]) { rawStatus }
              c: node(id: "{{id}}") { ... on Run { rawStatus } }
            }
            """);

        response["errors"].ShouldBeNull();
        response["data"]!["c"]!["rawStatus"]!.GetValue<string>().ShouldBe("running");
        RunCalls(await _host.StatsAsync("crewship")).ShouldBe(1);
    }

    [Fact]
    public async Task Query_HundredConcurrentIdenticalQueriesForARunningRun_CostOneCallPerResource()
    {
        var run = (await _host.RunsAsync("ccextractor", "running"))[0];
        // Every vendor call takes 4 s, so all 100 requests arrive while the first one's calls are still in flight,
        // even on a busy CI machine.
        await _host.SetFaultAsync(new { vendor = "ccextractor", status = 0, latencyMs = 4000 });
        await _host.ResetStatsAsync();
        var query = $$"""{ run(vendor: CCEXTRACTOR, runId: "{{run.RunId}}") { rawStatus isFinished summary { total } } }""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _host.QueryAsync(query)));

        responses.ShouldAllBe(r => r["errors"] == null && r["data"]!["run"]!["isFinished"]!.GetValue<bool>() == false);
        var stats = await _host.StatsAsync("ccextractor");
        RunCalls(stats).ShouldBe(1);
        SummaryCalls(stats).ShouldBe(1);
    }

    [Fact]
    public async Task Runs_RunningRun_IsNeverCached()
    {
        var run = (await _host.RunsAsync("crewship", "running"))[0];
        var query = $$"""{ run(vendor: CREWSHIP, runId: "{{run.RunId}}") { rawStatus } }""";
        await _host.ResetStatsAsync();

        await _host.QueryAsync(query);
        await _host.QueryAsync(query);

        RunCalls(await _host.StatsAsync("crewship")).ShouldBe(2);
    }
}
