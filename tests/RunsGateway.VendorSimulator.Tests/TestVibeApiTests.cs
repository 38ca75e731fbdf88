using System.Net;
using System.Text.Json.Nodes;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class TestVibeApiTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorHost _host = fixture.Host;

    [Fact]
    public void DefaultApiKey_IsTvbFollowedBy43Characters()
    {
        SimulatorDefaults.TestVibeApiKey.ShouldBe("tvb_" + new string('s', 43));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer tvb_wrong")]
    public async Task GetRun_MissingOrWrongKey_Returns401WithCodeAndMessage(string? authorization)
    {
        var headers = authorization is null ? [] : new[] { ("Authorization", authorization) };

        using var response = await _host.GetAsync("testvibe/api/v1/ops/projects/acme-shop/runs/101", headers);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await response.JsonObjectAsync();
        body["error"]!.GetValue<string>().ShouldBe("unauthorized");
        body["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("projects/acme-shop/runs/99999")]
    [InlineData("projects/no-such-project/runs/101")]
    [InlineData("projects/acme-shop/runs/abc")]
    public async Task GetRun_NoSuchRunInProject_Returns404NotFound(string path)
    {
        using var response = await _host.GetTestVibeAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.JsonObjectAsync())["error"]!.GetValue<string>().ShouldBe("not_found");
    }

    [Fact]
    public async Task GetRun_RunOfAnotherProject_Returns404()
    {
        var run = (await _host.RunsAsync("testvibe"))[0]!;
        var otherProject = run["project"]!.GetValue<string>() == "acme-shop" ? "globex-portal" : "acme-shop";

        using var response = await _host.GetTestVibeAsync($"projects/{otherProject}/runs/{run["runId"]!.GetValue<string>()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetRun_FailedRuns_IncludeErrorsAndLogsAtTheTrimmingLimits()
    {
        var bodies = await BodiesAsync("failed");

        var errors = bodies.SelectMany(b => b["tests"]!.AsArray()).Select(t => t!["error"]?.GetValue<string>()).OfType<string>().ToList();
        errors.ShouldContain(e => e.Length == 1500);
        errors.ShouldAllBe(e => e.Length <= 1500);
        var logs = bodies.Select(b => b["log"]!.GetValue<string>()).ToList();
        logs.ShouldContain(l => l.Length == 4000);
        logs.ShouldAllBe(l => l.Length <= 4000);
        bodies.SelectMany(b => b["artifacts"]!.AsArray()).ShouldContain(a => a!["size"]!.GetValue<long>() > int.MaxValue);
    }

    [Fact]
    public async Task GetRun_PassedRuns_HaveNoLogAndNoErrors()
    {
        var bodies = await BodiesAsync("passed");

        bodies.ShouldAllBe(b => !b.ContainsKey("log"));
        bodies.SelectMany(b => b["tests"]!.AsArray()).ShouldAllBe(t => t!["error"] == null);
    }

    [Fact]
    public async Task GetRun_FinishedRun_SummaryMatchesTests()
    {
        foreach (var body in await BodiesAsync("failed"))
        {
            var tests = body["tests"]!.AsArray();
            var summary = body["summary"]!;
            summary["total"]!.GetValue<int>().ShouldBe(tests.Count);
            summary["passed"]!.GetValue<int>().ShouldBe(tests.Count(t => t!["status"]!.GetValue<string>() == "passed"));
            summary["failed"]!.GetValue<int>().ShouldBe(tests.Count(t => t!["status"]!.GetValue<string>() == "failed"));
            body["finishedUtc"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        }
    }

    [Fact]
    public async Task GetRun_RunningRuns_HaveNoResultsYetAndSomeAreNotStarted()
    {
        var bodies = await BodiesAsync("running");

        bodies.ShouldNotBeEmpty();
        bodies.ShouldAllBe(b => !b.ContainsKey("summary") && !b.ContainsKey("tests") && b["finishedUtc"] == null);
        bodies.ShouldContain(b => b["startedUtc"] == null);
        bodies.ShouldContain(b => b["startedUtc"] != null);
    }

    private async Task<List<JsonObject>> BodiesAsync(string status)
    {
        var bodies = new List<JsonObject>();
        foreach (var run in (await _host.RunsAsync("testvibe", status)).Take(40))
        {
            using var response = await _host.GetTestVibeAsync($"projects/{run!["project"]!.GetValue<string>()}/runs/{run["runId"]!.GetValue<string>()}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await response.JsonObjectAsync();
            body["status"]!.GetValue<string>().ShouldBe(status);
            bodies.Add(body);
        }

        return bodies;
    }
}
