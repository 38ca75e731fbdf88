using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.Loading;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// One request's upstream work is bounded: aliases cannot multiply vendor calls past <c>MaxUpstreamCalls</c>, one request takes
/// a vendor's free slots only while no other request waits for them, and a client that goes away stops its shared calls.
/// </summary>
public sealed class RequestBudgetTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["GraphQL:Execution:MaxUpstreamCalls"] = "50",
        ["GraphQL:Execution:MaxVendorCallsPerRequest"] = "3",
        ["Vendors:TestVibe:MaxConcurrentRequests"] = "8",
        ["Vendors:CcExtractor:MaxRetries"] = "0",
        ["Vendors:Crewship:MaxRetries"] = "0",
        ["Vendors:Crewship:Timeout"] = "00:01:30",
    });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static long RunCalls(IReadOnlyDictionary<string, long> stats) =>
        stats.Where(p => p.Key.StartsWith("GET ", StringComparison.Ordinal) && !p.Key.Contains("summary", StringComparison.Ordinal)).Sum(p => p.Value);

    private static IEnumerable<string> Codes(JsonObject response) =>
        response["errors"]?.AsArray().Select(e => e!["extensions"]!["code"]!.GetValue<string>()) ?? [];

    [Fact]
    public async Task Runs_AliasesMultiplyingRefsPastTheBudget_FailWithoutCallingTheVendorForTheExcess()
    {
        var runs = await _host.RunsAsync("ccextractor");
        var query = new StringBuilder("{");
        for (var alias = 0; alias < 5; alias++)
        {
            var refs = string.Join(", ", runs.Skip(alias * 20).Take(20).Select(r => $$"""{ vendor: CCEXTRACTOR, runId: "{{r.RunId}}" }"""));
            query.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{alias}: runs(refs: [{refs}]) {{ runId }} ");
        }

        query.Append('}');
        await _host.ResetStatsAsync();

        var response = await _host.QueryAsync(query.ToString());

        // runs is [Run]!, so its failure nulls the whole response; the vendor saw only the 40 runs that fit.
        response["data"].ShouldBeNull();
        Codes(response).ShouldBe(["REQUEST_BUDGET_EXCEEDED"]);
        response["errors"]![0]!["path"]![0]!.GetValue<string>().ShouldBe("a2", "20 more runs would make 60 of a budget of 50");
        RunCalls(await _host.StatsAsync("ccextractor")).ShouldBeLessThanOrEqualTo(40);
    }

    [Fact]
    public async Task Run_HundredAliasedRunFields_CallTheVendorOnlyUpToTheBudget()
    {
        var runs = await _host.RunsAsync("ccextractor");
        var query = "{" + string.Concat(runs.Take(100).Select((r, i) => $$""" r{{i}}: run(vendor: CCEXTRACTOR, runId: "{{r.RunId}}") { runId }""")) + " }";
        await _host.ResetStatsAsync();

        var response = await _host.QueryAsync(query);

        Codes(response).Count().ShouldBe(50);
        Codes(response).ShouldAllBe(code => code == "REQUEST_BUDGET_EXCEEDED");
        response["data"]!["r0"]!["runId"].ShouldNotBeNull();
        response["data"]!["r99"].ShouldBeNull();
        RunCalls(await _host.StatsAsync("ccextractor")).ShouldBe(50);
    }

    [Fact]
    public async Task Runs_NestedSummariesPastTheBudget_FailAsTheyLoad()
    {
        var runs = (await _host.RunsAsync("ccextractor", "pass")).Take(30).ToList();
        runs.Count.ShouldBe(30);
        var refs = string.Join(", ", runs.Select(r => $$"""{ vendor: CCEXTRACTOR, runId: "{{r.RunId}}" }"""));

        var response = await _host.QueryAsync($$"""{ runs(refs: [{{refs}}]) { runId summary { total } } }""");

        var items = response["data"]!["runs"]!.AsArray();
        items.Count.ShouldBe(30);
        items.Count(r => r!["summary"] is not null).ShouldBe(20, "30 runs + 20 summaries fill a budget of 50");
        Codes(response).Count().ShouldBe(10);
        Codes(response).ShouldAllBe(code => code == "REQUEST_BUDGET_EXCEEDED");
    }

    [Fact]
    public async Task Runs_ManyRefsOfOneVendorAndNoOtherRequest_UseMoreSlotsThanTheShareButNoMoreThanTheVendorHas()
    {
        var runs = (await _host.RunsAsync("testvibe")).Take(12).ToList();
        var refs = string.Join(", ", runs.Select(r => $$"""{ vendor: TESTVIBE, runId: "{{r.RunId}}", project: "{{r.Project}}" }"""));
        await _host.SetFaultAsync(new { vendor = "testvibe", status = 0, latencyMs = 1_000 });
        await _host.ResetStatsAsync();

        var response = await _host.QueryAsync($$"""{ runs(refs: [{{refs}}]) { runId } }""");

        response["errors"].ShouldBeNull();
        response["data"]!["runs"]!.AsArray().Count.ShouldBe(12);
        var stats = await _host.StatsAsync("testvibe");
        stats["maxConcurrent"].ShouldBeGreaterThan(3, "alone, a request may use every free slot, not only its share of 3");
        stats["maxConcurrent"].ShouldBeLessThanOrEqualTo(8, "the vendor has 8 slots (Vendors:TestVibe:MaxConcurrentRequests)");
    }

    [Fact]
    public async Task VendorSlots_Configured_EachVendorHasItsOwnConcurrencyAndTheRequestShare()
    {
        var slots = _host.Services.GetRequiredService<VendorSlots>();
        var hog = new object();

        for (var i = 0; i < 8; i++)
        {
            _ = await slots.For(Core.Vendor.TestVibe).AcquireAsync(hog, TestContext.Current.CancellationToken);
        }

        slots.For(Core.Vendor.TestVibe).Free.ShouldBe(0, "Vendors:TestVibe:MaxConcurrentRequests is 8");
        slots.For(Core.Vendor.Crewship).Capacity.ShouldBe(16, "the other vendors keep the default");
        var waiting = slots.For(Core.Vendor.TestVibe).AcquireAsync(new object(), TestContext.Current.CancellationToken);
        waiting.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task Run_ClientAbortsWhileTheVendorIsSlow_SharedCallIsCancelled()
    {
        var loaders = _host.Services.GetRequiredService<RunLoaders>();
        var run = (await _host.RunsAsync("crewship", "running"))[0];
        await _host.SetFaultAsync(new { vendor = "crewship", status = 0, latencyMs = 60_000 });
        using var abort = new CancellationTokenSource();
        var payload = $$"""{"query":"{ run(vendor: CREWSHIP, runId: \"{{run.RunId}}\") { rawStatus } }"}""";
        var pending = _host.Client.PostAsync("/graphql", new StringContent(payload, Encoding.UTF8, "application/json"), abort.Token);
        await Eventually(() => loaders.VendorCallsInFlight == 1, "the vendor call starts");

        await abort.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => pending);
        await Eventually(() => loaders.VendorCallsInFlight == 0, "the abandoned call is cancelled, not left running for the vendor's 60 s", TimeSpan.FromSeconds(10));
    }

    private static async Task Eventually(Func<bool> condition, string because, TimeSpan? within = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (within ?? TimeSpan.FromSeconds(20)))
            {
                throw new ShouldAssertException("Timed out waiting until " + because);
            }

            await Task.Delay(20);
        }
    }
}
