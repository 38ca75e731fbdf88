using System.Net;
using System.Text;
using System.Text.Json;
using RunsGateway.Tests.Integration;
using RunsGateway.VendorSimulator.Tests.Infrastructure;
using Snapshooter;
using Snapshooter.Xunit3;

namespace RunsGateway.Tests.Snapshots;

/// <summary>
/// Whole responses kept as Snapshooter snapshots where a snapshot says more than assertions: one error response per
/// <c>extensions.code</c>, <c>extensions.vendors</c> cold, warm and with a vendor down, and the introspection result.
/// The gateway talks to the simulator with retries off, so each failure is one upstream answer.
/// </summary>
public sealed class GatewayResponseSnapshotTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["Vendors:CcExtractor:MaxRetries"] = "0",
        ["Vendors:NeetoPlaydash:MaxRetries"] = "0",
        ["Vendors:TestVibe:MaxRetries"] = "0",
        ["Vendors:Crewship:MaxRetries"] = "0",
    });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Every gateway and request error code these tests pin, with the request that produces it.</summary>
    public static TheoryData<string> ErrorCodes() =>
    [
        "INVALID_RUN_REF", "INVALID_ID", "TOO_MANY_REFS", "VENDOR_UNAVAILABLE", "VENDOR_RATE_LIMITED", "VENDOR_UNAUTHORIZED",
        "VENDOR_BAD_RESPONSE", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT",
    ];

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task Query_FailingRequest_ErrorResponseMatchesSnapshot(string code)
    {
        var (query, variables, fault) = await ScenarioAsync(code);
        if (fault is not null)
        {
            await _host.SetFaultAsync(fault);
        }

        string body;
        HttpStatusCode status;
        try
        {
            using var response = await PostAsync(query, variables);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            await _host.ClearFaultsAsync();
        }

        using var document = JsonDocument.Parse(body);
        var codes = document.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("extensions").GetProperty("code").GetString());
        codes.ShouldContain(code);
        SnapshotJson.Indent($$"""{"status":{{(int)status}},"body":{{body}}}""").MatchSnapshot(SnapshotNameExtension.Create(code));
    }

    [Fact]
    public async Task Runs_EveryVendorColdThenWarm_VendorsExtensionMatchesSnapshot()
    {
        var query = $$"""{ runs(refs: [{{await FinishedRefsAsync(index: 0)}}]) { vendor runId result } }""";

        var cold = await _host.QueryAsync(query);
        var warm = await _host.QueryAsync(query);

        cold["errors"].ShouldBeNull();
        SnapshotJson.Indent($$"""{"cold":{{cold["extensions"]!.ToJsonString()}},"warm":{{warm["extensions"]!.ToJsonString()}}}""").MatchSnapshot();
    }

    [Fact]
    public async Task Runs_OneVendorDown_ResponseWithVendorsExtensionMatchesSnapshot()
    {
        var query = $$"""{ runs(refs: [{{await FinishedRefsAsync(index: 1)}}]) { vendor runId result } }""";
        await _host.SetFaultAsync(new { vendor = "neetoplaydash", status = 503 });

        System.Text.Json.Nodes.JsonObject response;
        try
        {
            response = await _host.QueryAsync(query);
        }
        finally
        {
            await _host.ClearFaultsAsync();
        }

        response["extensions"]!["vendors"]!["NEETOPLAYDASH"]!["answered"]!.GetValue<bool>().ShouldBeFalse();
        SnapshotJson.Indent(response.ToJsonString()).MatchSnapshot();
    }

    [Fact]
    public async Task Introspection_StandardQuery_ResultMatchesSnapshot()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Snapshots", "introspection-query.graphql"), TestContext.Current.CancellationToken);

        var response = await _host.QueryAsync(query);

        response["errors"].ShouldBeNull();
        SnapshotJson.Indent(response.ToJsonString()).MatchSnapshot();
    }

    private async Task<HttpResponseMessage> PostAsync(string query, object? variables)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?> { ["query"] = query, ["variables"] = variables });
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        return await _host.Client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
    }

    /// <summary>One finished run per vendor (the <paramref name="index"/>-th of a finished status), as <c>RunRef</c> literals.</summary>
    private async Task<string> FinishedRefsAsync(int index)
    {
        var cc = (await _host.RunsAsync("ccextractor", "pass"))[index];
        var neeto = (await _host.RunsAsync("neetoplaydash", "passed"))[index];
        var vibe = (await _host.RunsAsync("testvibe", "passed"))[index];
        var crew = (await _host.RunsAsync("crewship", "succeeded"))[index];
        return $$"""
            {vendor: CCEXTRACTOR, runId: "{{cc.RunId}}"}, {vendor: NEETOPLAYDASH, project: "{{neeto.Project}}", runId: "{{neeto.RunId}}"},
            {vendor: TESTVIBE, project: "{{vibe.Project}}", runId: "{{vibe.RunId}}"}, {vendor: CREWSHIP, runId: "{{crew.RunId}}"}
            """;
    }

    /// <summary>
    /// The request for an error code, and the simulator fault it needs. Vendor faults use runs no other test of this class
    /// reads (the 5th of their status), so no cached answer hides the fault.
    /// </summary>
    private async Task<(string Query, object? Variables, object? Fault)> ScenarioAsync(string code)
    {
        async Task<SimulatedRun> RunAsync(string vendor, string status) => (await _host.RunsAsync(vendor, status))[4];

        switch (code)
        {
            case "INVALID_RUN_REF":
                return ("""{ run(vendor: CCEXTRACTOR, runId: "../admin") { runId } }""", null, null);
            case "INVALID_ID":
                return ("""{ node(id: "bm9wZQ") { id } }""", null, null);
            case "TOO_MANY_REFS":
                var refs = string.Join(", ", Enumerable.Range(1, 101).Select(i => $$"""{vendor: CCEXTRACTOR, runId: "{{i}}"}"""));
                return ($"{{ runs(refs: [{refs}]) {{ runId }} }}", null, null);
            case "VENDOR_UNAVAILABLE":
                var crew = await RunAsync("crewship", "succeeded");
                return ($$"""{ run(vendor: CREWSHIP, runId: "{{crew.RunId}}") { runId result } }""", null, new { vendor = "crewship", status = 503 });
            case "VENDOR_RATE_LIMITED":
                var vibe = await RunAsync("testvibe", "passed");
                return ($$"""{ run(vendor: TESTVIBE, project: "{{vibe.Project}}", runId: "{{vibe.RunId}}") { runId result } }""", null,
                    new { vendor = "testvibe", status = 429, retryAfterSeconds = 30 });
            case "VENDOR_UNAUTHORIZED":
                var neeto = await RunAsync("neetoplaydash", "passed");
                return ($$"""{ run(vendor: NEETOPLAYDASH, project: "{{neeto.Project}}", runId: "{{neeto.RunId}}") { runId result } }""", null,
                    new { vendor = "neetoplaydash", status = 401 });
            case "VENDOR_BAD_RESPONSE":
                var cc = await RunAsync("ccextractor", "pass");
                return ($$"""{ run(vendor: CCEXTRACTOR, runId: "{{cc.RunId}}") { runId result } }""", null, new { vendor = "ccextractor", malformed = true });
            case "GRAPHQL_PARSE_FAILED":
                return ("""{ run(vendor: CCEXTRACTOR, runId: "1") { runId }""", null, null);
            case "GRAPHQL_VALIDATION_FAILED":
                return ("""{ run(vendor: CCEXTRACTOR, runId: "1") { noSuchField } }""", null, null);
            case "BAD_USER_INPUT":
                return ("""query($vendor: Vendor!) { run(vendor: $vendor, runId: "1") { runId } }""", new { vendor = "JENKINS" }, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(code), code, "No scenario for this code.");
        }
    }
}
