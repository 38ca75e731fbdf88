using System.Net;
using System.Text.Json.Nodes;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class CcExtractorApiTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorHost _host = fixture.Host;

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic c2ltLWNjZXh0cmFjdG9yLXRva2Vu")]
    public async Task GetRun_MissingOrWrongToken_Returns401WithVendorBody(string? authorization)
    {
        var headers = authorization is null ? [] : new[] { ("Authorization", authorization) };

        using var response = await _host.GetAsync("ccextractor/api/v1/runs/1", headers);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await response.JsonObjectAsync();
        body["code"]!.GetValue<string>().ShouldBe("unauthorized");
        body["message"]!.GetValue<string>().ShouldBe("Bearer token is missing, expired, or invalid.");
        body["details"].ShouldBeOfType<JsonObject>().Count.ShouldBe(0);
    }

    [Fact]
    public async Task GetRun_ConfiguredToken_ReplacesTheDefault()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Simulator:CcExtractor:Token"] = "custom" });

        using var withDefault = await host.GetCcExtractorAsync("runs/1");
        using var withCustom = await host.GetAsync("ccextractor/api/v1/runs/1", SimulatorHost.Bearer("custom"));

        withDefault.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withCustom.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetRun_UnknownId_Returns404WithResourceDetails()
    {
        using var response = await _host.GetCcExtractorAsync("runs/9317");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await response.JsonObjectAsync();
        body["code"]!.GetValue<string>().ShouldBe("not_found");
        body["message"]!.GetValue<string>().ShouldBe("Run 9317 not found.");
        body["details"]!["resource"]!.GetValue<string>().ShouldBe("run");
        body["details"]!["id"]!.GetValue<int>().ShouldBe(9317);
    }

    [Theory]
    [InlineData("runs/abc")]
    [InlineData("runs/0")]
    [InlineData("runs/-1")]
    [InlineData("runs/1/summary/extra")]
    [InlineData("tests")]
    public async Task Get_PathThatIsNoRun_Returns404WithObjectDetails(string path)
    {
        using var response = await _host.GetCcExtractorAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await response.JsonObjectAsync();
        body["code"]!.GetValue<string>().ShouldBe("not_found");
        body["details"].ShouldBeOfType<JsonObject>();
    }

    [Fact]
    public async Task GetRun_DocumentedShape_HasEveryDocumentedField()
    {
        using var response = await _host.GetCcExtractorAsync("runs/1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var run = await response.JsonObjectAsync();
        run.Select(p => p.Key).ShouldBe(
        [
            "run_id", "status", "repository", "branch", "commit_sha", "commit_short", "pull_request", "platform", "run_errors",
            "triggered_by", "created_at", "queued_at", "started_at", "completed_at", "duration_ms", "links",
        ]);
        run["run_id"]!.GetValue<int>().ShouldBe(1);
        run["commit_short"]!.GetValue<string>().ShouldBe(run["commit_sha"]!.GetValue<string>()[..7]);
        run["links"].ShouldBeOfType<JsonObject>();
        var started = DateTimeOffset.Parse(run["started_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var completed = DateTimeOffset.Parse(run["completed_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        run["duration_ms"]!.GetValue<long>().ShouldBe((long)(completed - started).TotalMilliseconds);
        completed.ShouldBeLessThan(SimulatorDefaults.SeedEpoch);
    }

    [Fact]
    public async Task GetRun_CurrentCodeShape_HasExtrasAndLacksUndocumentedFields()
    {
        using var response = await _host.GetCcExtractorAsync("runs/3");
        using var summaryResponse = await _host.GetCcExtractorAsync("runs/3/summary");

        var run = await response.JsonObjectAsync();
        run.ContainsKey("test_type").ShouldBeTrue();
        run.ContainsKey("pr_number").ShouldBeTrue();
        run.ContainsKey("github_link").ShouldBeTrue();
        foreach (var missing in new[] { "commit_short", "run_errors", "triggered_by", "duration_ms", "links" })
        {
            run.ContainsKey(missing).ShouldBeFalse(missing);
        }

        var summary = await summaryResponse.JsonObjectAsync();
        summary["status"]!.GetValue<string>().ShouldBe(run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetRun_CanceledByInfrastructure_CarriesRunErrorsAndMissingOutput()
    {
        using var response = await _host.GetCcExtractorAsync("runs/42");
        using var summaryResponse = await _host.GetCcExtractorAsync("runs/42/summary");

        var run = await response.JsonObjectAsync();
        run["status"]!.GetValue<string>().ShouldBe("canceled");
        run["run_errors"]!.GetValue<string>().ShouldStartWith("Infrastructure error:");
        var summary = await summaryResponse.JsonObjectAsync();
        summary["missing_output_count"]!.GetValue<int>().ShouldBeGreaterThan(0);
        summary["fail_count"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(summary["missing_output_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetSummary_EveryFinishedRun_CountsAddUp()
    {
        var runs = await _host.RunsAsync("ccextractor");

        foreach (var id in runs.Select(r => r!["runId"]!.GetValue<string>()).Take(60))
        {
            using var response = await _host.GetCcExtractorAsync($"runs/{id}/summary");
            var s = await response.JsonObjectAsync();
            var total = s["total_samples"]!.GetValue<int>();
            (s["pass_count"]!.GetValue<int>() + s["fail_count"]!.GetValue<int>() + s["skipped_count"]!.GetValue<int>() + s["error_count"]!.GetValue<int>())
                .ShouldBe(total, $"run {id}");
            s["missing_output_count"]!.GetValue<int>().ShouldBeLessThanOrEqualTo(s["fail_count"]!.GetValue<int>());
            if (total == 0)
            {
                s["duration_ms"].ShouldBeNull();
            }
        }
    }

    [Fact]
    public async Task GetSummary_ErrorRun_HasNoResults()
    {
        var error = (await _host.RunsAsync("ccextractor", "error"))[0]!["runId"]!.GetValue<string>();

        using var response = await _host.GetCcExtractorAsync($"runs/{error}/summary");

        var summary = await response.JsonObjectAsync();
        summary["total_samples"]!.GetValue<int>().ShouldBe(0);
        summary["duration_ms"].ShouldBeNull();
    }

    [Fact]
    public async Task Post_KnownPath_Returns405WithDefaultErrorBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "ccextractor/api/v1/runs/1");
        request.Headers.Authorization = new("Bearer", SimulatorDefaults.CcExtractorToken);

        using var response = await _host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await response.JsonObjectAsync())["code"]!.GetValue<string>().ShouldBe("method_not_allowed");
    }
}
