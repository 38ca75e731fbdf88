using System.Text.Json.Nodes;

namespace RunsGateway.Tests.Integration;

/// <summary>Bad input and failing vendors give typed errors on the fields that needed them; the rest of the response completes.</summary>
public sealed class ErrorTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        // Fail fast: no retries, so the failure tests do not wait for backoff.
        ["Vendors:Crewship:MaxRetries"] = "0",
    });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject Error(JsonObject response, int index = 0) => response["errors"]!.AsArray()[index]!.AsObject();

    [Fact]
    public async Task Run_Missing_IsNullWithoutError()
    {
        var response = await _host.QueryAsync("""{ run(vendor: CCEXTRACTOR, runId: "999999") { runId } }""");

        response["errors"].ShouldBeNull();
        response["data"]!["run"].ShouldBeNull();
    }

    [Theory]
    [InlineData("""{ run(vendor: CCEXTRACTOR, runId: "abc") { runId } }""")]
    [InlineData("""{ run(vendor: CCEXTRACTOR, runId: "0") { runId } }""")]
    [InlineData("""{ run(vendor: NEETOPLAYDASH, runId: "kftwnab") { runId } }""")]
    [InlineData("""{ run(vendor: CREWSHIP, runId: "run_1", project: "p") { runId } }""")]
    [InlineData("""{ run(vendor: TESTVIBE, runId: "../admin", project: "acme-shop") { runId } }""")]
    public async Task Run_BadReference_IsInvalidRunRefError(string query)
    {
        var response = await _host.QueryAsync(query);

        response["data"]!["run"].ShouldBeNull();
        Error(response)["extensions"]!["code"]!.GetValue<string>().ShouldBe("INVALID_RUN_REF");
    }

    [Fact]
    public async Task Runs_OneVendorDown_NullsOnlyItsEntriesAndReportsIt()
    {
        var crew = (await _host.RunsAsync("crewship", "succeeded"))[0];
        var cc = (await _host.RunsAsync("ccextractor", "pass"))[0];
        await _host.SetFaultAsync(new { vendor = "crewship", status = 503 });

        var response = await _host.QueryAsync($$"""
            { runs(refs: [{ vendor: CCEXTRACTOR, runId: "{{cc.RunId}}" }, { vendor: CREWSHIP, runId: "{{crew.RunId}}" }]) { runId } }
            """);
        await _host.ClearFaultsAsync();

        var runs = response["data"]!["runs"]!.AsArray();
        runs[0]!["runId"]!.GetValue<string>().ShouldBe(cc.RunId);
        runs[1].ShouldBeNull();
        var error = Error(response);
        error["extensions"]!["code"]!.GetValue<string>().ShouldBe("VENDOR_UNAVAILABLE");
        error["extensions"]!["vendor"]!.GetValue<string>().ShouldBe("CREWSHIP");
        error["path"]!.ToJsonString().ShouldBe("""["runs",1]""");
        var vendors = response["extensions"]!["vendors"]!;
        vendors["CREWSHIP"]!["answered"]!.GetValue<bool>().ShouldBeFalse();
        vendors["CCEXTRACTOR"]!["answered"]!.GetValue<bool>().ShouldBeTrue();
        response.ToJsonString().ShouldNotContain(SimulatorSecrets.CrewshipKey);
    }

    [Fact]
    public async Task Node_MalformedId_IsInvalidIdError()
    {
        var response = await _host.QueryAsync("""{ node(id: "bm9wZQ") { id } }""");

        response["data"]!["node"].ShouldBeNull();
        Error(response)["extensions"]!["code"]!.GetValue<string>().ShouldBe("INVALID_ID");
    }
}

internal static class SimulatorSecrets
{
    public const string CrewshipKey = RunsGateway.VendorSimulator.SimulatorDefaults.CrewshipApiKey;
}
