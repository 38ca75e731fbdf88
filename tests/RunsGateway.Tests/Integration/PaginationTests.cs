using System.Text.Json.Nodes;
using RunsGateway.Paging;

namespace RunsGateway.Tests.Integration;

/// <summary>Hostile cursors and ids: out-of-range cursors are errors, cursor sweeps past the end cost nothing, ids have one spelling.</summary>
public sealed class PaginationTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<SimulatedRun> FinishedNeetoRunAsync() => (await _host.RunsAsync("neetoplaydash", "failed"))[0];

    private static string Specs(SimulatedRun run, string arguments) =>
        $$"""{ run(vendor: NEETOPLAYDASH, project: "{{run.Project}}", runId: "{{run.RunId}}") { specs({{arguments}}) { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor } } } }""";

    private static long SpecPageCalls(IReadOnlyDictionary<string, long> stats) =>
        stats.Where(p => p.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(p => p.Value);

    [Fact]
    public async Task Specs_CursorOfSpecIntMaxValue_IsInvalidPagination()
    {
        var run = await FinishedNeetoRunAsync();

        var response = await _host.QueryAsync(Specs(run, "first: 3, after: \"c3BlYzoyMTQ3NDgzNjQ3\""));

        response["data"]!["run"].ShouldBeNull();
        response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("INVALID_PAGINATION");
    }

    [Fact]
    public async Task Specs_CursorsPastTheEnd_AreAnsweredWithoutVendorCalls()
    {
        var run = await FinishedNeetoRunAsync();
        await _host.QueryAsync(Specs(run, "first: 3"));
        await _host.ResetStatsAsync();

        var responses = new List<JsonObject>();
        foreach (var index in new[] { 5_000, 5_001, 90_000, SpecCursor.MaxIndex })
        {
            responses.Add(await _host.QueryAsync(Specs(run, $"first: 3, after: \"{SpecCursor.Encode(index)}\"")));
        }

        responses.ShouldAllBe(r => r["errors"] == null);
        responses.ShouldAllBe(r => r["data"]!["run"]!["specs"]!["edges"]!.AsArray().Count == 0);
        responses.ShouldAllBe(r => !r["data"]!["run"]!["specs"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        SpecPageCalls(await _host.StatsAsync("neetoplaydash")).ShouldBe(0, "the run is cached and the total says the pages are empty");
    }

    [Fact]
    public async Task Specs_FilteredCursorsPastTheEnd_CostNothingOnceTheFilteredTotalIsKnown()
    {
        var run = await FinishedNeetoRunAsync();
        await _host.QueryAsync(Specs(run, "first: 3"));
        await _host.ResetStatsAsync();

        var first = await _host.QueryAsync(Specs(run, $"first: 3, testStatus: FAILED, after: \"{SpecCursor.Encode(5_000)}\""));
        var callsForTheFilteredTotal = SpecPageCalls(await _host.StatsAsync("neetoplaydash"));
        var later = new List<JsonObject>();
        foreach (var index in new[] { 5_001, 5_002, 77_777 })
        {
            later.Add(await _host.QueryAsync(Specs(run, $"first: 3, testStatus: FAILED, after: \"{SpecCursor.Encode(index)}\"")));
        }

        first["errors"].ShouldBeNull();
        later.ShouldAllBe(r => r["errors"] == null && r["data"]!["run"]!["specs"]!["edges"]!.AsArray().Count == 0);
        SpecPageCalls(await _host.StatsAsync("neetoplaydash")).ShouldBe(callsForTheFilteredTotal, "later cursors past the end cost no vendor call");
    }

    [Theory]
    [InlineData("MHxjY2V4dHJhY3Rvcnx-fDF8fnx-")]
    [InlineData("UnVufENDRXh0cmFjdG9yfH58MDAwMXx-fH4")]
    [InlineData(" UnVufGNjZXh0cmFjdG9yfH58MXx-fH4")]
    public async Task Node_NonCanonicalIdOfARun_IsInvalidId(string id)
    {
        var response = await _host.QueryAsync($$"""{ node(id: "{{id.Replace("\"", "", StringComparison.Ordinal)}}") { id } }""");

        response["data"]!["node"].ShouldBeNull();
        response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("INVALID_ID");
    }
}
