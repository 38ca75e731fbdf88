using System.Text.Json.Nodes;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>HotChocolate.Data-shaped <c>where</c> and <c>order</c> on tests and specs, per vendor, through GraphQL.</summary>
public sealed class FilteringTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    private async Task<SimulatedRun> LargeNeetoRunAsync() => (await Host.RunsAsync("neetoplaydash")).Single(r => r.RunId == "xlspecs");

    private static string Ref(SimulatedRun run) =>
        $"vendor: {run.Vendor.ToUpperInvariant()}, runId: \"{run.RunId}\"" + (run.Project is null ? string.Empty : $", project: \"{run.Project}\"");

    private static List<JsonObject> Items(JsonNode? array) => [.. array!.AsArray().Select(n => n!.AsObject())];

    private static long? Duration(JsonObject test) => test["durationMs"]?.GetValue<long>();

    [Fact]
    public async Task RunTests_NeetoPlaydashWhereAndOrder_EqualsTheUnfilteredListFilteredAndSorted()
    {
        var run = await LargeNeetoRunAsync();
        var all = await Host.QueryAsync($$"""{ run({{Ref(run)}}) { tests { name status durationMs } } }""");
        var expected = Items(all["data"]!["run"]!["tests"])
            .Where(t => t["status"]!.GetValue<string>() == "FAILED" && Duration(t) >= 1000)
            .OrderByDescending(Duration).ThenBy(t => t["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(t => t.ToJsonString())
            .ToList();

        var filtered = await Host.QueryAsync($$"""
            { run({{Ref(run)}}) { tests(where: { status: { eq: FAILED }, durationMs: { gte: 1000 } }, order: [{ durationMs: DESC }, { name: ASC }]) { name status durationMs } } }
            """);

        filtered["errors"].ShouldBeNull();
        expected.ShouldNotBeEmpty();
        Items(filtered["data"]!["run"]!["tests"]).Select(t => t.ToJsonString()).ShouldBe(expected);
    }

    [Fact]
    public async Task RunTests_DeprecatedStatusArgument_AnswersAsWhereStatusEq()
    {
        var run = await LargeNeetoRunAsync();

        var response = await Host.QueryAsync($$"""
            { run({{Ref(run)}}) { old: tests(status: SKIPPED) { id } new: tests(where: { status: { eq: SKIPPED } }) { id } } }
            """);

        response["errors"].ShouldBeNull();
        response["data"]!["run"]!["old"]!.ToJsonString().ShouldBe(response["data"]!["run"]!["new"]!.ToJsonString());
    }

    [Fact]
    public async Task RunSpecs_WhereNameContainsAndOrder_PagesThroughTheFilteredListStably()
    {
        var run = await LargeNeetoRunAsync();
        const string selection = "totalCount pageInfo { hasNextPage endCursor } nodes { name }";
        var whole = await Host.QueryAsync($$"""
            { run({{Ref(run)}}) { summary { total failed } specs(first: 100, where: { name: { contains: "checkout" } }, order: [{ name: DESC }]) { {{selection}} } } }
            """);
        var names = Items(whole["data"]!["run"]!["specs"]!["nodes"]).Select(s => s["name"]!.GetValue<string>()).ToList();
        var paged = new List<string>();
        string? after = null;
        do
        {
            var cursor = after is null ? string.Empty : $", after: \"{after}\"";
            var page = await Host.QueryAsync($$"""
                { run({{Ref(run)}}) { summary { total failed } specs(first: 7{{cursor}}, where: { name: { contains: "checkout" } }, order: [{ name: DESC }]) { {{selection}} } } }
                """);
            page["errors"].ShouldBeNull();
            page["data"]!["run"]!["summary"]!.ToJsonString().ShouldBe(whole["data"]!["run"]!["summary"]!.ToJsonString(), "counts come from the vendor");
            var specs = page["data"]!["run"]!["specs"]!;
            specs["totalCount"]!.GetValue<int>().ShouldBe(names.Count);
            paged.AddRange(Items(specs["nodes"]).Select(s => s["name"]!.GetValue<string>()));
            after = specs["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? specs["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        names.ShouldNotBeEmpty();
        names.ShouldAllBe(n => n.Contains("checkout", StringComparison.Ordinal));
        names.ShouldBe([.. names.OrderByDescending(n => n, StringComparer.Ordinal)]);
        paged.ShouldBe(names);
    }

    [Fact]
    public async Task SpecTests_TestVibeWhereOrAndOrder_FiltersInTheGateway()
    {
        var run = (await Host.RunsAsync("testvibe"))[0];
        var all = await Host.QueryAsync($$"""{ run({{Ref(run)}}) { specs { nodes { tests { name status } } } } }""");
        var tests = Items(all["data"]!["run"]!["specs"]!["nodes"]![0]!["tests"]);
        var firstName = tests[0]["name"]!.GetValue<string>();
        var expected = tests
            .Where(t => t["name"]!.GetValue<string>() == firstName || t["status"]!.GetValue<string>() == "FAILED")
            .OrderBy(t => t["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(t => t["name"]!.GetValue<string>())
            .ToList();

        var response = await Host.QueryAsync(
            $$"""query($name: String) { run({{Ref(run)}}) { specs { nodes { tests(where: { or: [{ name: { eq: $name } }, { status: { in: [FAILED] } }] }, order: [{ name: ASC }]) { name } } } } }""",
            new { name = firstName });

        response["errors"].ShouldBeNull();
        Items(response["data"]!["run"]!["specs"]!["nodes"]![0]!["tests"]).Select(t => t["name"]!.GetValue<string>()).ShouldBe(expected);
    }

    [Theory]
    [InlineData("ccextractor")]
    [InlineData("crewship")]
    public async Task RunTestsAndSpecs_VendorWithoutSpecs_EmptyWithoutError(string vendor)
    {
        var run = (await Host.RunsAsync(vendor))[0];

        var response = await Host.QueryAsync($$"""
            { run({{Ref(run)}}) { tests(where: { name: { startsWith: "a" } }, order: [{ name: ASC }]) { id } specs(where: { filePath: { endsWith: ".ts" } }) { totalCount nodes { id } } } }
            """);

        response["errors"].ShouldBeNull();
        response["data"]!["run"]!["tests"]!.AsArray().ShouldBeEmpty();
        response["data"]!["run"]!["specs"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task RunTests_UnknownOperator_ValidationErrorNamingIt()
    {
        var run = await LargeNeetoRunAsync();

        var response = await Host.QueryAsync($$"""{ run({{Ref(run)}}) { tests(where: { name: { like: "x" } }) { id } } }""");

        response["data"].ShouldBeNull();
        var message = response["errors"]![0]!["message"]!.GetValue<string>();
        message.ShouldContain("like");
        message.ShouldContain("StringOperationFilterInput");
    }

    [Fact]
    public async Task RunTests_TwoFieldsInOneSortEntry_ErrorWithTheArgumentPath()
    {
        var run = await LargeNeetoRunAsync();

        var response = await Host.QueryAsync($$"""{ run({{Ref(run)}}) { runId tests(order: [{ name: ASC }, { name: ASC, durationMs: DESC }]) { id } } }""");

        var error = response["errors"]![0]!.AsObject();
        error["extensions"]!["code"]!.GetValue<string>().ShouldBe("INVALID_ORDER");
        error["extensions"]!["argumentPath"]!.ToJsonString().ShouldBe("""["order",1]""");
        error["path"]!.ToJsonString().ShouldBe("""["run","tests"]""");
    }
}

/// <summary>NeetoPlaydash filters tests by status upstream: the gateway passes a top-level status down and fetches only those specs.</summary>
public sealed class FilterPushDownTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunTests_NeetoPlaydashStatusFilter_FetchesFewerUpstreamPagesThanTheWholeRun()
    {
        var run = (await _host.RunsAsync("neetoplaydash")).Single(r => r.RunId == "xlspecs");
        var reference = $"vendor: NEETOPLAYDASH, runId: \"{run.RunId}\", project: \"{run.Project}\"";
        (await _host.QueryAsync($$"""{ run({{reference}}) { id } }"""))["errors"].ShouldBeNull();

        await _host.ResetStatsAsync();
        var filtered = await _host.QueryAsync($$"""{ run({{reference}}) { tests(where: { and: [{ status: { eq: SKIPPED } }, { name: { ncontains: "zzz" } }] }) { id status } } }""");
        var filteredCalls = (await _host.StatsAsync("neetoplaydash"))["total"];
        await _host.ResetStatsAsync();
        var whole = await _host.QueryAsync($$"""{ run({{reference}}) { tests { id status } } }""");
        var wholeCalls = (await _host.StatsAsync("neetoplaydash"))["total"];

        filtered["errors"].ShouldBeNull();
        whole["errors"].ShouldBeNull();
        var expected = whole["data"]!["run"]!["tests"]!.AsArray().Where(t => t!["status"]!.GetValue<string>() == "SKIPPED").Select(t => t!["id"]!.GetValue<string>()).ToList();
        filtered["data"]!["run"]!["tests"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ShouldBe(expected);
        filteredCalls.ShouldBeLessThan(wholeCalls);
    }
}
