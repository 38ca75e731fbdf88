using System.Net;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class CrewshipApiTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorHost _host = fixture.Host;

    [Fact]
    public async Task GetRun_WrongKey_Returns401WithNestedMessage()
    {
        using var response = await _host.GetAsync("crewship/v1/runs/run_xyz789abc", SimulatorHost.Bearer("nope"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await response.JsonObjectAsync();
        body["error"]!["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task GetRun_LegacyErrorBodies_UseCodeMessageAndDetails()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Simulator:Crewship:LegacyErrorBodies"] = "true" });

        using var response = await host.GetCrewshipAsync("runs/run_nosuchrun");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var error = (await response.JsonObjectAsync())["error"]!;
        error["code"]!.GetValue<string>().ShouldBe("not_found");
        error["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        error["details"]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task GetRun_UnknownId_Returns404()
    {
        using var response = await _host.GetCrewshipAsync("runs/run_nosuchrun");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.JsonObjectAsync())["error"]!["message"]!.GetValue<string>().ShouldBe("Run not found");
    }

    [Fact]
    public async Task GetRun_DocumentedExample_SucceededWithOutput()
    {
        using var response = await _host.GetCrewshipAsync("runs/run_xyz789abc");

        var run = await response.JsonObjectAsync();
        run.Select(p => p.Key).ShouldBe(
            ["id", "version_id", "deployment_id", "status", "input", "output", "error_message", "created_at", "started_at", "completed_at"]);
        run["status"]!.GetValue<string>().ShouldBe("succeeded");
        run["input"]!["topic"]!.GetValue<string>().ShouldBe("AI agents");
        run["output"]!["result"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        run["error_message"].ShouldBeNull();
    }

    [Theory]
    [InlineData("succeeded")]
    [InlineData("failed")]
    [InlineData("canceled")]
    [InlineData("running")]
    [InlineData("pending")]
    public async Task GetRun_EachStatus_OutputOnlyWhenSucceededAndErrorOnlyWhenFailed(string status)
    {
        var runs = await _host.RunsAsync("crewship", status);
        runs.ShouldNotBeEmpty();

        foreach (var id in runs.Take(10).Select(r => r!["runId"]!.GetValue<string>()))
        {
            using var response = await _host.GetCrewshipAsync("runs/" + id);
            var run = await response.JsonObjectAsync();
            run["status"]!.GetValue<string>().ShouldBe(status);
            (run["output"] is not null).ShouldBe(status == "succeeded");
            (run["error_message"] is not null).ShouldBe(status == "failed");
            (run["completed_at"] is not null).ShouldBe(status is "succeeded" or "failed" or "canceled");
            if (status == "pending")
            {
                run["started_at"].ShouldBeNull();
            }
        }
    }

    [Fact]
    public async Task GetRun_SucceededRuns_IncludeStructuredOutput()
    {
        var found = false;
        foreach (var id in (await _host.RunsAsync("crewship", "succeeded")).Take(20).Select(r => r!["runId"]!.GetValue<string>()))
        {
            using var response = await _host.GetCrewshipAsync("runs/" + id);
            var output = (await response.JsonObjectAsync())["output"]!.AsObject();
            found |= output.ContainsKey("sections") && output.ContainsKey("token_usage");
        }

        found.ShouldBeTrue();
    }
}
