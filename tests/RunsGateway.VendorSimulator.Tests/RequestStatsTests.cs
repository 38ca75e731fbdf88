using System.Net;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class RequestStatsTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Stats_AfterRequests_CountsPerVendorAndEndpoint()
    {
        for (var i = 0; i < 3; i++)
        {
            (await _host.GetCcExtractorAsync("runs/1")).Dispose();
        }

        (await _host.GetCcExtractorAsync("runs/2/summary")).Dispose();
        (await _host.GetCcExtractorAsync("runs/1/summary")).Dispose();
        (await _host.GetAsync("ccextractor/api/v1/nothing-here")).Dispose();
        (await _host.GetNeetoPlaydashAsync("projects/pdqmxlz/runs/kftwnab")).Dispose();
        (await _host.GetTestVibeAsync("projects/acme-shop/runs/101")).Dispose();

        var stats = await _host.StatsAsync();

        var cc = stats["ccextractor"]!;
        cc["GET /runs/{id}"]!.GetValue<long>().ShouldBe(3);
        cc["GET /runs/{id}/summary"]!.GetValue<long>().ShouldBe(2);
        cc["GET (unmatched)"]!.GetValue<long>().ShouldBe(1);
        cc["total"]!.GetValue<long>().ShouldBe(6);
        stats["neetoplaydash"]!["GET /projects/{project_id}/runs/{run_id}"]!.GetValue<long>().ShouldBe(1);
        stats["testvibe"]!["GET /projects/{project}/runs/{runId}"]!.GetValue<long>().ShouldBe(1);
        stats["crewship"]!["total"]!.GetValue<long>().ShouldBe(0);
        stats["crewship"]!["maxConcurrent"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Stats_UnauthorizedAndFaultedRequests_AreCountedToo()
    {
        (await _host.GetAsync("crewship/v1/runs/run_xyz789abc")).Dispose();
        await _host.SetFaultAsync("""{"vendor":"crewship","status":500}""");
        (await _host.GetCrewshipAsync("runs/run_xyz789abc")).Dispose();

        (await _host.StatsAsync())["crewship"]!["GET /runs/{id}"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task StatsReset_ZeroesTheCounters()
    {
        (await _host.GetCcExtractorAsync("runs/1")).Dispose();

        using var reset = await _host.Client.PostAsync("_simulator/stats/reset", null, TestContext.Current.CancellationToken);
        var stats = await _host.StatsAsync();

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        stats["ccextractor"]!["total"]!.GetValue<long>().ShouldBe(0);
        stats["ccextractor"]!.AsObject().ContainsKey("GET /runs/{id}").ShouldBeFalse();
        stats["ccextractor"]!["maxConcurrent"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Stats_HeldRequests_MaxConcurrentMatchesRequestsInFlight()
    {
        const int Parallel = 8;
        await _host.SetFaultAsync("""{"vendor":"testvibe","hang":true}""");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var calls = Enumerable.Range(0, Parallel)
            .Select(_ => _host.Client.GetAsync("testvibe/api/v1/ops/projects/acme-shop/runs/101", cancel.Token))
            .ToList();

        await Eventually.WaitUntilAsync(
            async () => (await _host.StatsAsync())["testvibe"]!["inFlight"]!.GetValue<long>() >= Parallel, TimeSpan.FromSeconds(10));

        var stats = (await _host.StatsAsync())["testvibe"]!;
        await cancel.CancelAsync();
        foreach (var call in calls)
        {
            await Should.ThrowAsync<OperationCanceledException>(call);
        }

        stats["inFlight"]!.GetValue<long>().ShouldBe(Parallel);
        stats["maxConcurrent"]!.GetValue<long>().ShouldBe(Parallel);
    }
}
