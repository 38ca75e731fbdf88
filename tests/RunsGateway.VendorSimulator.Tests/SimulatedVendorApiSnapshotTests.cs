using System.Text.Json.Nodes;
using RunsGateway.VendorSimulator.Tests.Infrastructure;
using Snapshooter.Xunit3;

namespace RunsGateway.VendorSimulator.Tests;

/// <summary>One run per vendor per status, compared with Snapshooter snapshots in <c>__snapshots__/</c> (manual clock at a fixed instant).</summary>
public sealed class SimulatedVendorApiSnapshotTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorHost _host = fixture.Host;

    [Theory]
    [InlineData("queued")]
    [InlineData("running")]
    [InlineData("pass")]
    [InlineData("fail")]
    [InlineData("passed")]
    [InlineData("failed")]
    [InlineData("canceled")]
    [InlineData("error")]
    [InlineData("incomplete")]
    public async Task CcExtractor_RunAndSummaryPerStatus_MatchSnapshot(string status)
    {
        var id = await FirstDocumentedCcRunAsync(status);

        var run = await (await _host.GetCcExtractorAsync($"runs/{id}")).TextAsync();
        var summary = await (await _host.GetCcExtractorAsync($"runs/{id}/summary")).TextAsync();

        JsonNode.Parse(run)!["status"]!.GetValue<string>().ShouldBe(status);
        Snapshot.Match(SnapshotJson.Indent(run), $"ccextractor-run-{status}");
        Snapshot.Match(SnapshotJson.Indent(summary), $"ccextractor-summary-{status}");
    }

    [Fact]
    public async Task CcExtractor_CurrentCodeShape_MatchesSnapshot()
    {
        Snapshot.Match(SnapshotJson.Indent(await (await _host.GetCcExtractorAsync("runs/3")).TextAsync()), "ccextractor-current-code-run");
        Snapshot.Match(SnapshotJson.Indent(await (await _host.GetCcExtractorAsync("runs/3/summary")).TextAsync()), "ccextractor-current-code-summary");
    }

    [Theory]
    [InlineData("running")]
    [InlineData("passing")]
    [InlineData("failing")]
    [InlineData("passed")]
    [InlineData("failed")]
    [InlineData("timedOut")]
    [InlineData("interrupted")]
    public async Task NeetoPlaydash_RunPerStatus_MatchesSnapshot(string status)
    {
        var run = (await _host.RunsAsync("neetoplaydash", status))[0]!;

        var body = await (await _host.GetNeetoPlaydashAsync($"projects/{run["project"]}/runs/{run["runId"]}?page_size=3")).TextAsync();

        JsonNode.Parse(body)!["status"]!.GetValue<string>().ShouldBe(status);
        Snapshot.Match(SnapshotJson.Indent(body), $"neetoplaydash-{status}");
    }

    [Fact]
    public async Task NeetoPlaydash_FilteredPage_MatchesSnapshot()
    {
        var body = await (await _host.GetNeetoPlaydashAsync("projects/pdqmxlz/runs/xlspecs?status=failed&page=2&page_size=5")).TextAsync();

        Snapshot.Match(SnapshotJson.Indent(body), "neetoplaydash-large-run-failed-page-2");
    }

    [Theory]
    [InlineData("passed")]
    [InlineData("failed")]
    [InlineData("running")]
    public async Task TestVibe_RunPerStatus_MatchesSnapshot(string status)
    {
        var run = (await _host.RunsAsync("testvibe", status))[0]!;

        var body = await (await _host.GetTestVibeAsync($"projects/{run["project"]}/runs/{run["runId"]}")).TextAsync();

        Snapshot.Match(SnapshotJson.Indent(body), $"testvibe-{status}");
    }

    [Fact]
    public async Task TestVibe_RunningButStarted_MatchesSnapshot()
    {
        foreach (var run in await _host.RunsAsync("testvibe", "running"))
        {
            var body = await (await _host.GetTestVibeAsync($"projects/{run!["project"]}/runs/{run["runId"]}")).TextAsync();
            if (JsonNode.Parse(body)!["startedUtc"] is not null)
            {
                Snapshot.Match(SnapshotJson.Indent(body), "testvibe-running-started");
                return;
            }
        }

        Assert.Fail("No started running TestVibe run was seeded.");
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("running")]
    [InlineData("succeeded")]
    [InlineData("failed")]
    [InlineData("canceled")]
    public async Task Crewship_RunPerStatus_MatchesSnapshot(string status)
    {
        var id = (await _host.RunsAsync("crewship", status))[0]!["runId"]!.GetValue<string>();

        var body = await (await _host.GetCrewshipAsync("runs/" + id)).TextAsync();

        Snapshot.Match(SnapshotJson.Indent(body), $"crewship-{status}");
    }

    [Theory]
    [InlineData("ccextractor", "ccextractor/api/v1/runs/1")]
    [InlineData("neetoplaydash", "neetoplaydash/api/external/v1/projects/pdqmxlz/runs/kftwnab")]
    [InlineData("testvibe", "testvibe/api/v1/ops/projects/acme-shop/runs/101")]
    [InlineData("crewship", "crewship/v1/runs/run_xyz789abc")]
    public async Task ErrorBodies_401And404_MatchSnapshot(string vendor, string path)
    {
        var unauthorized = await (await _host.GetAsync(path, ("Authorization", "Bearer wrong"), ("X-Api-Key", "wrong"))).TextAsync();
        var (notFoundPath, headers) = vendor switch
        {
            "ccextractor" => ("ccextractor/api/v1/runs/9317", SimulatorHost.Bearer(SimulatorDefaults.CcExtractorToken)),
            "neetoplaydash" => ("neetoplaydash/api/external/v1/projects/pdqmxlz/runs/nosuchx", SimulatorHost.ApiKey(SimulatorDefaults.NeetoPlaydashApiKey)),
            "testvibe" => ("testvibe/api/v1/ops/projects/acme-shop/runs/9317", SimulatorHost.Bearer(SimulatorDefaults.TestVibeApiKey)),
            _ => ("crewship/v1/runs/run_nosuchrun", SimulatorHost.Bearer(SimulatorDefaults.CrewshipApiKey)),
        };
        var notFound = await (await _host.GetAsync(notFoundPath, headers)).TextAsync();

        Snapshot.Match(SnapshotJson.Indent(unauthorized), $"{vendor}-error-401");
        Snapshot.Match(SnapshotJson.Indent(notFound), $"{vendor}-error-404");
    }

    private async Task<string> FirstDocumentedCcRunAsync(string status)
    {
        foreach (var run in await _host.RunsAsync("ccextractor", status))
        {
            var id = run!["runId"]!.GetValue<string>();
            var body = await (await _host.GetCcExtractorAsync($"runs/{id}")).JsonObjectAsync();
            if (body.ContainsKey("links"))
            {
                return id;
            }
        }

        throw new InvalidOperationException($"No documented-shape CCExtractor run with status {status}.");
    }
}
