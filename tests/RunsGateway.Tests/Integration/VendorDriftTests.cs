using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// Vendor payload drift end to end: the simulator's drift knob changes a vendor's answers, the gateway keeps answering, and
/// <c>GET /admin/vendors/drift</c> lists each finding (vendor, endpoint, field path, kind) with an example run.
/// </summary>
public sealed class VendorDriftTests : IAsyncLifetime
{
    private const string AdminKey = "drift-admin-key";
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Cache:PurgeApiKey"] = AdminKey });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, int, string, string, string> Cases() => new()
    {
        // vendor, drift kind, which finished run (a fresh one per case: finished runs are cached), endpoint, path, finding kind
        { "ccextractor", "extraField", 0, "GET /runs/{run_id}", "$.retention_days", "unknown_field" },
        { "ccextractor", "renamedField", 1, "GET /runs/{run_id}", "$.repository", "missing_field" },
        { "ccextractor", "newStatus", 2, "GET /runs/{run_id}", "$.status", "unknown_value" },
        { "ccextractor", "numberAsString", 3, "GET /runs/{run_id}", "$.run_id", "wrong_type" },
        { "neetoplaydash", "extraField", 0, "GET /projects/{project_id}/runs/{run_id}", "$.retention_days", "unknown_field" },
        { "neetoplaydash", "renamedField", 1, "GET /projects/{project_id}/runs/{run_id}", "$.run_id", "missing_field" },
        { "neetoplaydash", "newStatus", 2, "GET /projects/{project_id}/runs/{run_id}", "$.status", "unknown_value" },
        { "neetoplaydash", "numberAsString", 3, "GET /projects/{project_id}/runs/{run_id}", "$.duration", "wrong_type" },
        { "testvibe", "extraField", 0, "GET /projects/{project}/runs/{runId}", "$.retention_days", "unknown_field" },
        { "testvibe", "renamedField", 1, "GET /projects/{project}/runs/{runId}", "$.runId", "missing_field" },
        { "testvibe", "newStatus", 2, "GET /projects/{project}/runs/{runId}", "$.status", "unknown_value" },
        { "testvibe", "numberAsString", 3, "GET /projects/{project}/runs/{runId}", "$.runId", "wrong_type" },
        { "crewship", "extraField", 0, "GET /runs/{id}", "$.retention_days", "unknown_field" },
        { "crewship", "renamedField", 1, "GET /runs/{id}", "$.id", "missing_field" },
        { "crewship", "newStatus", 2, "GET /runs/{id}", "$.status", "unknown_value" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Query_VendorDrifted_KeepsAnsweringAndListsTheFinding(string vendor, string drift, int runIndex, string endpoint, string path, string kind)
    {
        var run = (await _host.RunsAsync(vendor, FinishedStatus(vendor)))[runIndex + 10];
        await SetDriftAsync(vendor, drift);

        JsonObject response;
        try
        {
            response = await _host.QueryAsync($$"""{ run(vendor: {{vendor.ToUpperInvariant()}}, runId: "{{run.RunId}}"{{(run.Project is null ? "" : $", project: \"{run.Project}\"")}}) { runId state } }""");
        }
        finally
        {
            (await _host.Simulator.DeleteAsync("/_simulator/drift", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        response["errors"].ShouldBeNull();
        response["data"]!["run"]!["runId"]!.GetValue<string>().ShouldBe(run.RunId);
        response["data"]!["run"]!["state"]!.GetValue<string>().ShouldBe(drift == "newStatus" ? "UNKNOWN" : "FINISHED");
        var finding = (await FindingsAsync()).SingleOrDefault(f => f.Vendor == vendor && f.Endpoint == endpoint && f.Path == path && f.Kind == kind);
        finding.ShouldNotBeNull($"no {kind} finding at {path} for {vendor}");
        finding.Count.ShouldBeGreaterThanOrEqualTo(1);
        finding.FirstSeen.ShouldBeLessThanOrEqualTo(finding.LastSeen);
        finding.ExampleRun.ShouldNotBeNull().ShouldStartWith(vendor + ":");
    }

    [Fact]
    public async Task Query_RenamedField_ListsTheNewNameAsUnknown()
    {
        var run = (await _host.RunsAsync("crewship", "succeeded"))[20];
        await SetDriftAsync("crewship", "renamedField");
        try
        {
            (await _host.QueryAsync($$"""{ run(vendor: CREWSHIP, runId: "{{run.RunId}}") { runId } }"""))["errors"].ShouldBeNull();
        }
        finally
        {
            (await _host.Simulator.DeleteAsync("/_simulator/drift", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        (await FindingsAsync()).ShouldContain(f => f.Vendor == "crewship" && f.Path == "$.run_id" && f.Kind == "unknown_field" && f.ExampleRun == $"crewship::{run.RunId}");
    }

    [Fact]
    public async Task DriftListing_WrongKey_IsUnauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/vendors/drift");
        request.Headers.Add("X-Admin-Key", "wrong");

        using var response = await _host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["code"]!.GetValue<string>().ShouldBe("UNAUTHORIZED");
    }

    private static string FinishedStatus(string vendor) => vendor switch
    {
        "ccextractor" => "pass",
        "crewship" => "succeeded",
        _ => "passed",
    };

    private async Task SetDriftAsync(string vendor, string kind)
    {
        var body = JsonSerializer.Serialize(new { vendor, kinds = new[] { kind } });
        using var response = await _host.Simulator.PostAsync("/_simulator/drift", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyList<Finding>> FindingsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/vendors/drift");
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await _host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var listing = await response.Content.ReadFromJsonAsync<Listing>(JsonSerializerOptions.Web, TestContext.Current.CancellationToken);
        return listing!.Findings;
    }

    private sealed record Listing(IReadOnlyList<Finding> Findings);

    private sealed record Finding(string Vendor, string Endpoint, string Path, string Kind, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Count, string? ExampleRun);
}

/// <summary>Seeded answers of every vendor and status, without the drift knob, give no findings.</summary>
public sealed class VendorDriftBaselineTests
{
    [Fact]
    public async Task Query_SeededRunsOfEveryVendorAndStatus_ListsNoDrift()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Cache:PurgeApiKey"] = "k" });
        foreach (var vendor in new[] { "ccextractor", "neetoplaydash", "testvibe", "crewship" })
        {
            var runs = (await host.RunsAsync(vendor)).GroupBy(r => r.Status).Select(g => g.First()).ToList();
            var refs = string.Join(", ", runs.Select(r => $$"""{ vendor: {{vendor.ToUpperInvariant()}}, runId: "{{r.RunId}}"{{(r.Project is null ? "" : $", project: \"{r.Project}\"")}} }"""));
            var summary = vendor == "ccextractor" ? " summary { total }" : string.Empty;
            (await host.QueryAsync($$"""{ runs(refs: [{{refs}}]) { runId state{{summary}} } }"""))["errors"].ShouldBeNull();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/vendors/drift");
        request.Headers.Add("X-Admin-Key", "k");
        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["findings"]!.AsArray().ShouldBeEmpty();
    }
}
