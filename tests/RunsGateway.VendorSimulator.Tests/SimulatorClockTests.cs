using System.Globalization;
using System.Text.Json.Nodes;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class SimulatorClockTests : IAsyncLifetime
{
    private static readonly string[] UnfinishedStatuses = ["queued", "running", "passing", "failing", "pending"];
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Runs_AtStart_IncludeUnfinishedRunsOfEveryVendor()
    {
        var runs = await _host.RunsAsync();

        foreach (var vendor in new[] { "ccextractor", "neetoplaydash", "testvibe", "crewship" })
        {
            runs.ShouldContain(r => r!["vendor"]!.GetValue<string>() == vendor && UnfinishedStatuses.Contains(r["status"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Runs_AfterThreeSimulatedHours_AreAllFinished()
    {
        _host.Time.Advance(TimeSpan.FromHours(3));

        var runs = await _host.RunsAsync();

        runs.ShouldNotContain(r => UnfinishedStatuses.Contains(r!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ClockSpeed_Sixty_RunsAnHourPerMinute()
    {
        await using var fast = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Simulator:ClockSpeed"] = "60" });

        fast.Time.Advance(TimeSpan.FromMinutes(3));
        _host.Time.Advance(TimeSpan.FromMinutes(3));

        (await fast.RunsAsync()).ShouldNotContain(r => UnfinishedStatuses.Contains(r!["status"]!.GetValue<string>()));
        (await _host.RunsAsync()).ShouldContain(r => UnfinishedStatuses.Contains(r!["status"]!.GetValue<string>()));
        var clock = JsonNode.Parse(await fast.Client.GetStringAsync("_simulator/clock", TestContext.Current.CancellationToken))!;
        clock["clockSpeed"]!.GetValue<double>().ShouldBe(60);
        clock["now"]!.GetValue<string>().ShouldBe("2026-11-26T15:00:00Z");
    }

    [Fact]
    public async Task CcExtractorRun_Running_FinishesWithCompletedAtAndDuration()
    {
        var id = (await _host.RunsAsync("ccextractor", "running"))[0]!["runId"]!.GetValue<string>();
        var before = await GetCcAsync($"runs/{id}");
        var summaryBefore = await GetCcAsync($"runs/{id}/summary");

        _host.Time.Advance(TimeSpan.FromHours(3));
        var after = await GetCcAsync($"runs/{id}");
        var summaryAfter = await GetCcAsync($"runs/{id}/summary");

        before["completed_at"].ShouldBeNull();
        before["duration_ms"].ShouldBeNull();
        after["status"]!.GetValue<string>().ShouldBeOneOf("pass", "fail", "canceled", "error");
        var started = DateTimeOffset.Parse(after["started_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var completed = DateTimeOffset.Parse(after["completed_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        after["duration_ms"]!.GetValue<long>().ShouldBe((long)(completed - started).TotalMilliseconds);
        summaryAfter["total_samples"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(summaryBefore["total_samples"]!.GetValue<int>());
    }

    [Fact]
    public async Task CcExtractorRun_Queued_StartsWhenItsTimeComes()
    {
        var id = (await _host.RunsAsync("ccextractor", "queued"))[0]!["runId"]!.GetValue<string>();
        var before = await GetCcAsync($"runs/{id}");

        _host.Time.Advance(TimeSpan.FromMinutes(6));
        var after = await GetCcAsync($"runs/{id}");

        before["started_at"].ShouldBeNull();
        after["status"]!.GetValue<string>().ShouldNotBe("queued");
        after["started_at"].ShouldNotBeNull();
    }

    [Fact]
    public async Task NeetoPlaydashRun_Passing_RevealsMoreSpecsThenFinishes()
    {
        var run = (await _host.RunsAsync("neetoplaydash", "passing"))[0]!;
        var path = $"projects/{run["project"]!.GetValue<string>()}/runs/{run["runId"]!.GetValue<string>()}?page_size=100";
        var before = await GetNeetoAsync(path);

        _host.Time.Advance(TimeSpan.FromMinutes(2));
        var during = await GetNeetoAsync(path);
        _host.Time.Advance(TimeSpan.FromHours(3));
        var after = await GetNeetoAsync(path);

        before["is_running"]!.GetValue<bool>().ShouldBeTrue();
        before["duration"].ShouldBeNull();
        Records(during).ShouldBeGreaterThanOrEqualTo(Records(before));
        Records(after).ShouldBeGreaterThan(Records(before));
        after["is_running"]!.GetValue<bool>().ShouldBeFalse();
        after["status"]!.GetValue<string>().ShouldBeOneOf("passed", "failed", "timedOut", "interrupted");

        static int Records(JsonObject body) => body["pagination"]!["total_records"]!.GetValue<int>();
    }

    [Fact]
    public async Task TestVibeRun_Queued_GetsStartedUtcThenResults()
    {
        var queued = new List<JsonObject>();
        foreach (var r in await _host.RunsAsync("testvibe", "running"))
        {
            var body = await GetTvAsync(r!);
            if (body["startedUtc"] is null)
            {
                queued.Add(body);
            }
        }

        var run = queued[0];
        var reference = (await _host.RunsAsync("testvibe")).First(r => r!["runId"]!.GetValue<string>() == run["runId"]!.ToString())!;
        _host.Time.Advance(TimeSpan.FromHours(3));
        var after = await GetTvAsync(reference);

        after["startedUtc"].ShouldNotBeNull();
        after["finishedUtc"].ShouldNotBeNull();
        after["summary"].ShouldNotBeNull();
        after["status"]!.GetValue<string>().ShouldBeOneOf("passed", "failed");
    }

    [Fact]
    public async Task CrewshipRun_Pending_RunsThenCompletes()
    {
        var id = (await _host.RunsAsync("crewship", "pending"))[0]!["runId"]!.GetValue<string>();

        _host.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        var started = await GetCrewAsync(id);
        _host.Time.Advance(TimeSpan.FromHours(3));
        var finished = await GetCrewAsync(id);

        started["started_at"].ShouldNotBeNull();
        finished["completed_at"].ShouldNotBeNull();
        finished["status"]!.GetValue<string>().ShouldBeOneOf("succeeded", "failed", "canceled");
    }

    [Fact]
    public async Task FinishedRuns_WhenTimeAdvances_DoNotChange()
    {
        var before = await _host.GetCcExtractorAsync("runs/42");
        var beforeText = await before.TextAsync();

        _host.Time.Advance(TimeSpan.FromDays(30));
        var after = await (await _host.GetCcExtractorAsync("runs/42")).TextAsync();

        after.ShouldBe(beforeText);
    }

    private async Task<JsonObject> GetCcAsync(string path) => await (await _host.GetCcExtractorAsync(path)).JsonObjectAsync();

    private async Task<JsonObject> GetNeetoAsync(string path) => await (await _host.GetNeetoPlaydashAsync(path)).JsonObjectAsync();

    private async Task<JsonObject> GetCrewAsync(string id) => await (await _host.GetCrewshipAsync("runs/" + id)).JsonObjectAsync();

    private async Task<JsonObject> GetTvAsync(JsonNode reference) =>
        await (await _host.GetTestVibeAsync($"projects/{reference["project"]!.GetValue<string>()}/runs/{reference["runId"]!.GetValue<string>()}")).JsonObjectAsync();
}
