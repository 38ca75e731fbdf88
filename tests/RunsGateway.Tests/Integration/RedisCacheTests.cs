using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// The run cache against a real redis-server: what is stored and for how long, two gateway instances sharing one Redis, purges
/// across instances, and Redis trouble (wrong password, an outage during a purge) reported clearly without a credential.
/// </summary>
public sealed class RedisCacheTests
{
    private const string PurgeKey = "test-purge-key";
    private const string Query = "query($refs: [RunRef!]!) { runs(refs: $refs) { runId rawStatus isFinished summary { total isFinal } } }";
    private static readonly TimeSpan PurgeDeadline = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Query_FinishedRuns_StoresEachInRedisForItsVendorsLifetime()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var ccExtractor = (await host.RunsAsync("ccextractor", "pass"))[0];
        var neeto = (await host.RunsAsync("neetoplaydash", "passed"))[0];

        var response = await host.QueryAsync(
            "query($a: String!, $b: String!, $p: String!) { a: run(vendor: CCEXTRACTOR, runId: $a) { isFinished summary { isFinal } } b: run(vendor: NEETOPLAYDASH, project: $p, runId: $b) { isFinished } }",
            new { a = ccExtractor.RunId, b = neeto.RunId, p = neeto.Project });

        response["errors"].ShouldBeNull(response.ToJsonString());
        var ccTtl = await TtlAsync(redis, $"RunsGateway:run:ccextractor::{ccExtractor.RunId}", cancellationToken);
        var summaryTtl = await TtlAsync(redis, $"RunsGateway:summary:ccextractor::{ccExtractor.RunId}", cancellationToken);
        var neetoTtl = await TtlAsync(redis, $"RunsGateway:run:neetoplaydash:{Uri.EscapeDataString(neeto.Project!)}:{Uri.EscapeDataString(neeto.RunId)}", cancellationToken);
        ccTtl.ShouldBeInRange(3500, 3600, "a finished CCExtractor run is cached for Cache:CcExtractorLifetime (1 hour)");
        summaryTtl.ShouldBeInRange(3500, 3600, "its summary too");
        neetoTtl.ShouldBeInRange((long)TimeSpan.FromDays(7).TotalSeconds - 100, (long)TimeSpan.FromDays(7).TotalSeconds, "other vendors' finished runs for Cache:FinishedRunLifetime (7 days)");
    }

    [Fact]
    public async Task Query_SecondInstanceOnTheSameRedis_ServesFromRedisWhatTheFirstFetched()
    {
        await using var redis = await StartRedisAsync();
        await using var first = await StartGatewayAsync(redis);
        await using var second = await StartGatewayAsync(redis);
        var refs = await FinishedRefsAsync(first, 5);

        var (fromFirst, firstCalls) = await QueryCountingAsync(first, refs);
        var (fromSecond, secondCalls) = await QueryCountingAsync(second, refs);

        fromFirst["errors"].ShouldBeNull(fromFirst.ToJsonString());
        firstCalls.ShouldBe(10, "the first instance fetched 5 runs and 5 summaries");
        fromSecond["data"]!.ToJsonString().ShouldBe(fromFirst["data"]!.ToJsonString());
        secondCalls.ShouldBe(0, "the second instance found everything in Redis");
    }

    [Fact]
    public async Task Query_RedisOverTlsWithAPrivateCertificate_SecondInstanceServesFromRedis()
    {
        await using var redis = await RedisServer.StartTlsAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"rediss://127.0.0.1:{redis.Port}",
            ["Redis:TrustedCertificatePath"] = redis.CertificatePath,
            ["Cache:OperationTimeout"] = "00:00:05",
        };
        await using var first = await GatewayHost.StartAsync(settings);
        await using var second = await GatewayHost.StartAsync(settings);
        var refs = await FinishedRefsAsync(first, 3);

        var (fromFirst, firstCalls) = await QueryCountingAsync(first, refs);
        var (fromSecond, secondCalls) = await QueryCountingAsync(second, refs);

        fromFirst["errors"].ShouldBeNull(fromFirst.ToJsonString());
        firstCalls.ShouldBe(6, "the first instance fetched 3 runs and 3 summaries");
        fromSecond["data"]!.ToJsonString().ShouldBe(fromFirst["data"]!.ToJsonString());
        secondCalls.ShouldBe(0, "the second instance read them from Redis over TLS");
        using var ready = await second.Client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Readyz_RedisOverTlsWithAnUntrustedCertificate_FailsAndQueriesStillAnswer()
    {
        await using var redis = await RedisServer.StartTlsAsync();
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"rediss://127.0.0.1:{redis.Port}",
        });
        var refs = await FinishedRefsAsync(host, 2);

        var (response, _) = await QueryCountingAsync(host, refs);
        using var ready = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        response["errors"].ShouldBeNull("a cache that cannot be reached is skipped, not an error: " + response.ToJsonString());
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Purge_ThroughOneInstance_IsSeenByTheOtherWithinASecond()
    {
        await using var redis = await StartRedisAsync();
        await using var first = await StartGatewayAsync(redis);
        await using var second = await StartGatewayAsync(redis);
        var refs = await FinishedRefsAsync(first, 3);
        await QueryCountingAsync(first, refs);
        var (_, warmCalls) = await QueryCountingAsync(second, refs);
        warmCalls.ShouldBe(0, "the second instance holds the runs (from Redis, then in-process)");
        var purged = (string)refs[0]["runId"]!;

        using var response = await PurgeAsync(first, purged);
        var purgedAt = Stopwatch.StartNew();
        long calls;
        do
        {
            (_, calls) = await QueryCountingAsync(second, refs);
        }
        while (calls == 0 && purgedAt.Elapsed < PurgeDeadline);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        body["run"]!.GetValue<string>().ShouldBe($"ccextractor::{purged}");
        body["notifiedInstances"]!.GetValue<long>().ShouldBe(1, "the other instance was told");
        calls.ShouldBe(2, $"within {PurgeDeadline.TotalSeconds:0} s the second instance fetched the purged run and its summary again, and only them");
    }

    [Fact]
    public async Task Purge_RedisDown_Answers503WithJsonNamingTheCause()
    {
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var refs = await FinishedRefsAsync(host, 1);
        await QueryCountingAsync(host, refs);
        await redis.KillAsync();

        using var response = await PurgeAsync(host, (string)refs[0]["runId"]!);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        body["code"]!.GetValue<string>().ShouldBe("CACHE_UNAVAILABLE");
        body["message"]!.GetValue<string>().ShouldContain("Redis is unavailable");
        body["message"]!.GetValue<string>().ShouldContain("retry the purge");
    }

    [Fact]
    public async Task Readyz_WrongRedisPassword_FailsClearlyWithoutThePassword()
    {
        const string wrongPassword = "not-the-Pa55word";
        await using var redis = await StartRedisAsync("--requirepass", "the-real-Pa55word");
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"redis://:{wrongPassword}@{redis.Endpoint}",
        });
        var refs = await FinishedRefsAsync(host, 1);

        var answer = await host.QueryAsync(Query, new { refs });

        // The first checks may find StackExchange.Redis still trying to connect; poll until it has given its reason.
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        string body;
        do
        {
            using var ready = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
            status = ready.StatusCode;
            body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            body.ShouldNotContain(wrongPassword);
        }
        while (!body.Contains("refused", StringComparison.Ordinal) && deadline.Elapsed < TimeSpan.FromSeconds(20));

        answer["errors"].ShouldBeNull("queries are answered from the vendors: " + answer.ToJsonString());
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var redisCheck = JsonNode.Parse(body)!["checks"]!["redis"]!;
        redisCheck["status"]!.GetValue<string>().ShouldBe("Unhealthy");
        redisCheck["description"]!.GetValue<string>().ShouldContain("refused the credentials");
        redisCheck["description"]!.GetValue<string>().ShouldContain(redis.Endpoint);
        body.ShouldNotContain(wrongPassword);
    }

    internal static async Task<RedisServer> StartRedisAsync(params string[] arguments)
    {
        if (ExternalTools.FindOnPath("redis-server") is null)
        {
            ExternalTools.Unavailable("redis-server is not on PATH (apt-get install redis-server).");
        }

        return await RedisServer.StartAsync(arguments);
    }

    private static Task<GatewayHost> StartGatewayAsync(RedisServer redis) => GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = redis.Endpoint,
        ["Cache:PurgeApiKey"] = PurgeKey,

        // These tests are about sharing, not slowness: a cold code path on a loaded machine must not count as an outage.
        ["Cache:OperationTimeout"] = "00:00:05",
    });

    private static async Task<HttpResponseMessage> PurgeAsync(GatewayHost host, string runId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/admin/cache/runs?vendor=CCEXTRACTOR&runId={runId}");
        request.Headers.Add("X-Admin-Key", PurgeKey);
        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<List<Dictionary<string, object?>>> FinishedRefsAsync(GatewayHost host, int count)
    {
        var finished = await host.RunsAsync("ccextractor", "pass");
        finished.Count.ShouldBeGreaterThanOrEqualTo(count);
        return [.. finished.Take(count).Select(run => new Dictionary<string, object?> { ["vendor"] = "CCEXTRACTOR", ["runId"] = run.RunId })];
    }

    private static async Task<(JsonObject Response, long VendorCalls)> QueryCountingAsync(GatewayHost host, List<Dictionary<string, object?>> refs)
    {
        var before = VendorCalls(await host.StatsAsync("ccextractor"));
        var response = await host.QueryAsync(Query, new { refs });
        var after = VendorCalls(await host.StatsAsync("ccextractor"));
        return (response, after - before);
    }

    private static long VendorCalls(IReadOnlyDictionary<string, long> stats) =>
        stats.Where(pair => pair.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(pair => pair.Value);

    private static async Task<long> TtlAsync(RedisServer redis, string key, CancellationToken cancellationToken)
    {
        var reply = await RedisProbe.CommandAsync(redis.Port, ["TTL", key], cancellationToken);
        return reply.StartsWith(':') ? long.Parse(reply.AsSpan(1), CultureInfo.InvariantCulture) : throw new InvalidOperationException($"TTL {key}: {reply}");
    }
}
