using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace RunsGateway.Tests.Integration;

/// <summary>Cost points per client (<c>Gateway:RateLimit:CostLimit</c>) through the whole gateway, on a manual clock.</summary>
public sealed class CostLimitTests
{
    // Five runs: 1 point for the operation + 5 upstream resources; 5 list items are less than the 100 that cost a point.
    private const string FiveRuns = """
        { runs(refs: [{vendor: CCEXTRACTOR, runId: "1"}, {vendor: CCEXTRACTOR, runId: "2"}, {vendor: CCEXTRACTOR, runId: "3"},
                      {vendor: CCEXTRACTOR, runId: "4"}, {vendor: CCEXTRACTOR, runId: "5"}]) { runId } }
        """;

    private readonly ManualTimeProvider _clock = new();

    private Task<GatewayHost> StartAsync(IDictionary<string, string?> settings) =>
        GatewayHost.StartAsync(settings, configure: builder => builder.Services.AddSingleton<TimeProvider>(_clock));

    private static async Task<(HttpStatusCode Status, HttpResponseMessage Response, JsonObject Body)> PostAsync(GatewayHost host, string query)
    {
        var response = await host.PostAsync(query);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        return (response.StatusCode, response, body);
    }

    private static async Task<List<HttpStatusCode>> StatusesOfAsync(GatewayHost host, int requests)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < requests; i++)
        {
            statuses.Add((await PostAsync(host, FiveRuns)).Status);
        }

        return statuses;
    }

    [Fact]
    public async Task Post_ClientPastItsCostPoints_Is429WithRetryAfterUntilTheRefillPaysItsDebt()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:CostLimit"] = "10",
            ["Gateway:RateLimit:Window"] = "00:01:00",
        });

        var first = await PostAsync(host, FiveRuns);   // 10 → 4 points
        var second = await PostAsync(host, FiveRuns);  // admitted with 4 left → −2
        var refused = await PostAsync(host, FiveRuns);
        _clock.Advance(TimeSpan.FromSeconds(18));      // 3 points at 10 a minute: back to 1
        var again = await PostAsync(host, FiveRuns);

        first.Status.ShouldBe(HttpStatusCode.OK);
        first.Body["data"]!["runs"]!.AsArray().Count.ShouldBe(5);
        second.Status.ShouldBe(HttpStatusCode.OK);
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(18));
        refused.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        refused.Body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("RATE_LIMITED");
        refused.Body["errors"]![0]!["extensions"]!["retryAfter"]!.GetValue<int>().ShouldBe(18);
        again.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_ResponseTooLarge_CostsTheResultItemLimit()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:CostLimit"] = "9",
            ["Gateway:RateLimit:Window"] = "00:01:00",
            ["Gateway:RateLimit:ItemsPerPoint"] = "1",
            ["GraphQL:Execution:MaxResultItems"] = "3",
        });

        var tooLarge = await PostAsync(host, FiveRuns);  // no data, but 1 + 5 resources + 3 items (the limit it hit) = 9: 9 → 0
        var refused = await PostAsync(host, FiveRuns);

        tooLarge.Body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("RESULT_TOO_LARGE");
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        // 1 point to earn back at 9 a minute: 6.7 s, rounded up.
        refused.Response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Post_ItemsOfTheResponse_CountOnePointPerItemsPerPoint()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:CostLimit"] = "12",
            ["Gateway:RateLimit:Window"] = "00:01:00",
            ["Gateway:RateLimit:ItemsPerPoint"] = "1",
        });

        var first = await PostAsync(host, FiveRuns);   // 1 + 5 resources + 5 items = 11: 12 → 1
        var second = await PostAsync(host, FiveRuns);  // admitted with 1 left → −10
        var refused = await PostAsync(host, FiveRuns);

        first.Status.ShouldBe(HttpStatusCode.OK);
        second.Status.ShouldBe(HttpStatusCode.OK);
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        // 11 points to earn back at 12 a minute: 55 s.
        refused.Response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(55));
    }

    [Fact]
    public async Task Post_ExemptClient_IsNeverRefused()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:CostLimit"] = "1",
            ["Gateway:RateLimit:Clients:127.0.0.1"] = "0",
        });

        var statuses = await StatusesOfAsync(host, 3);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_WithoutCostLimit_IsNeverRefused()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>());

        var statuses = await StatusesOfAsync(host, 3);

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        host.Services.GetService<RunsGateway.Hosting.Auth.ClientCostLimiter>().ShouldBeNull("nothing is registered without a cost limit");
    }
}
