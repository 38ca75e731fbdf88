using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests.Drift;

public sealed class PayloadDriftTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<HttpResponseMessage> SetDriftAsync(string json) =>
        await _host.Client.PostAsync("/_simulator/drift", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Drift_AllKindsOnCcExtractor_RewritesTheRunAsDocumented()
    {
        var plain = await (await _host.GetCcExtractorAsync("runs/1")).JsonObjectAsync();
        using var set = await SetDriftAsync("""{"vendor":"ccextractor","kinds":["extraField","renamedField","newStatus","numberAsString"]}""");
        (await set.JsonObjectAsync())["ccextractor"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldBe(["extraField", "renamedField", "newStatus", "numberAsString"]);

        using var response = await _host.GetCcExtractorAsync("runs/1");
        var drifted = await response.JsonObjectAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        drifted["retention_days"]!.GetValue<int>().ShouldBe(30);
        drifted.ContainsKey("repository").ShouldBeFalse();
        drifted["repo"]!.GetValue<string>().ShouldBe(plain["repository"]!.GetValue<string>());
        drifted["status"]!.GetValue<string>().ShouldBe("paused");
        drifted["run_id"]!.GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public async Task Drift_NumberAsStringOnCrewship_LeavesTheAnswerUnchanged()
    {
        var plain = await (await _host.GetCrewshipAsync("runs/run_xyz789abc")).TextAsync();
        (await SetDriftAsync("""{"vendor":"crewship","kinds":["numberAsString"]}""")).EnsureSuccessStatusCode();

        var drifted = await (await _host.GetCrewshipAsync("runs/run_xyz789abc")).TextAsync();

        JsonNode.DeepEquals(JsonNode.Parse(drifted), JsonNode.Parse(plain)).ShouldBeTrue();
    }

    [Fact]
    public async Task Drift_ErrorAnswer_IsLeftAlone()
    {
        (await SetDriftAsync("""{"vendor":"all","kinds":["extraField"]}""")).EnsureSuccessStatusCode();

        using var response = await _host.GetCcExtractorAsync("runs/999999");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.JsonObjectAsync()).ContainsKey("retention_days").ShouldBeFalse();
    }

    [Fact]
    public async Task Drift_Cleared_ServesTheDocumentedAnswerAgain()
    {
        (await SetDriftAsync("""{"vendor":"testvibe","kinds":["newStatus"]}""")).EnsureSuccessStatusCode();
        (await _host.Client.DeleteAsync("/_simulator/drift?vendor=testvibe", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var answer = await (await _host.GetTestVibeAsync("projects/acme-shop/runs/104")).JsonObjectAsync();

        answer["status"]!.GetValue<string>().ShouldNotBe("paused");
    }

    [Theory]
    [InlineData("""{"vendor":"nobody","kinds":["extraField"]}""")]
    [InlineData("""{"vendor":"ccextractor","kinds":["sideways"]}""")]
    public async Task Drift_BadRequest_Is400WithAnError(string json)
    {
        using var response = await SetDriftAsync(json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonObjectAsync())["error"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }
}
