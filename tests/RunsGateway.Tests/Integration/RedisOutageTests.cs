using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// The gateway against a real redis-server that is killed, restarted or paused mid-run: the cache is an optimisation, never a
/// dependency. Proven with the simulator's request counters and with the keys Redis itself holds.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private const int RunCount = 5;
    private static readonly TimeSpan OutageRetryInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(8);

    private const string Query =
        "query($refs: [RunRef!]!) { runs(refs: $refs) { runId rawStatus isFinished summary { total passed failed isFinal } } }";

    [Fact]
    public async Task Query_RedisKilledMidRun_KeepsAnsweringTheSameDataFromTheVendors()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var refs = await FinishedRunRefsAsync(host);
        var expected = await WarmUpAsync(host, refs, redis, cancellationToken);

        var load = new QueryLoad(host, refs, loops: 4);

        await redis.KillAsync();
        load.MarkOutage();
        var deadline = Stopwatch.StartNew();
        while (load.AnsweredSinceOutage < 8 && !load.HasFailed && deadline.Elapsed < Deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        var answers = await load.StopAsync();
        output.WriteLine($"{answers.Count} concurrent answers around the kill, {load.AnsweredSinceOutage} of them begun after it");
        load.AnsweredSinceOutage.ShouldBeGreaterThanOrEqualTo(8, "queries that began after redis-server was killed were answered");
        answers.ShouldAllBe(answer => answer["errors"] == null, "no query in flight around the kill failed");
        answers.ShouldAllBe(answer => answer["data"]!.ToJsonString() == expected, "every query in flight around the kill answered the same data");

        // Then one query at a time, for longer than two retry intervals (so the gateway also retries the dead cache).
        var outage = Stopwatch.StartNew();
        var queries = 0;
        while (queries < 3 || outage.Elapsed < 2 * OutageRetryInterval)
        {
            var (response, vendorCalls) = await QueryCountingAsync(host, refs);

            response["errors"].ShouldBeNull($"query {queries + 1} during the outage: {response.ToJsonString()}");
            response["data"]!.ToJsonString().ShouldBe(expected, $"query {queries + 1} during the outage answers the same data");
            vendorCalls.ShouldBe(2 * RunCount, $"query {queries + 1} during the outage asks the vendor for every run and summary");
            queries++;
        }
    }

    [Fact]
    public async Task Query_RedisRestartedAfterAnOutage_IsUsedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var refs = await FinishedRunRefsAsync(host);
        var expected = await WarmUpAsync(host, refs, redis, cancellationToken);
        await redis.KillAsync();
        var (duringOutage, outageCalls) = await QueryCountingAsync(host, refs);
        duringOutage["errors"].ShouldBeNull(duringOutage.ToJsonString());
        outageCalls.ShouldBe(2 * RunCount, "the outage is in effect");

        await redis.RestartAsync();
        (await RedisProbe.DbSizeAsync(redis.Port, cancellationToken)).ShouldBe(0, "the restarted redis-server starts empty");

        // A query after the retry interval reconnects and stores; the one after it is served from Redis.
        var costs = await RepeatUntilFreeAsync(host, refs, expected);

        output.WriteLine($"vendor calls per query after the restart: {string.Join(", ", costs)}");
        costs[^1].ShouldBe(0, $"vendor calls per query after the restart: {string.Join(", ", costs)}");
        costs.ShouldContain(calls => calls == 2 * RunCount, "some query after the restart filled the empty cache from the vendors");
        (await RedisProbe.DbSizeAsync(redis.Port, cancellationToken)).ShouldBeGreaterThanOrEqualTo(2 * RunCount, "runs and summaries are stored in the restarted Redis");
    }

    [Fact]
    public async Task Query_RedisPaused_AnswersFromTheVendorsWithoutWaitingAndUsesTheCacheAfterwards()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var refs = await FinishedRunRefsAsync(host);
        var expected = await WarmUpAsync(host, refs, redis, cancellationToken);

        // The slow-cache case: Redis still accepts connections and commands but answers none until the pause ends.
        var pause = ((long)Pause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await RedisProbe.CommandAsync(redis.Port, ["CLIENT", "PAUSE", pause, "ALL"], cancellationToken)).ShouldBe("+OK");
        var paused = Stopwatch.StartNew();
        var (response, vendorCalls) = await QueryCountingAsync(host, refs);
        var answeredAfter = paused.Elapsed;

        output.WriteLine($"answered {answeredAfter.TotalMilliseconds:0} ms into an {Pause.TotalSeconds:0} s pause");
        response["errors"].ShouldBeNull(response.ToJsonString());
        response["data"]!.ToJsonString().ShouldBe(expected);
        vendorCalls.ShouldBe(2 * RunCount, "a query during the pause asks the vendor for every run and summary");
        answeredAfter.ShouldBeLessThan(Pause, "the query did not wait for the paused Redis");

        // When the pause ends, Redis answers the lookups that timed out; those late replies must not be taken for the answers
        // to later lookups: every answer still equals the vendors' data, and the cache is used again.
        var costs = await RepeatUntilFreeAsync(host, refs, expected);

        output.WriteLine($"vendor calls per query during and after the pause: {string.Join(", ", costs)}");
        costs[^1].ShouldBe(0, $"vendor calls per query during and after the pause: {string.Join(", ", costs)}");
        paused.Elapsed.ShouldBeGreaterThan(Pause, "the cache was used again only once Redis answered");
    }

    private static async Task<RedisServer> StartRedisAsync()
    {
        if (ExternalTools.FindOnPath("redis-server") is null)
        {
            ExternalTools.Unavailable("redis-server is not on PATH (apt-get install redis-server).");
        }

        return await RedisServer.StartAsync();
    }

    private static Task<GatewayHost> StartGatewayAsync(RedisServer redis) => GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = redis.Endpoint,
        ["Cache:OperationTimeout"] = "00:00:00.200",
        ["Cache:OutageRetryInterval"] = OutageRetryInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task<List<Dictionary<string, object?>>> FinishedRunRefsAsync(GatewayHost host)
    {
        var finished = await host.RunsAsync("ccextractor", "pass");
        finished.Count.ShouldBeGreaterThanOrEqualTo(RunCount, "the simulator seeds enough passed CCExtractor runs");
        return finished.Take(RunCount).Select(run => new Dictionary<string, object?> { ["vendor"] = "CCEXTRACTOR", ["runId"] = run.RunId }).ToList();
    }

    /// <summary>
    /// Queries the runs cold, then repeats until a repeat costs no vendor call (the first one should, but a loaded machine can make
    /// the very first Redis round trip miss the 200 ms budget); returns the data every answer must equal.
    /// </summary>
    private static async Task<string> WarmUpAsync(GatewayHost host, List<Dictionary<string, object?>> refs, RedisServer redis, CancellationToken cancellationToken)
    {
        var (cold, coldCalls) = await QueryCountingAsync(host, refs);
        cold["errors"].ShouldBeNull(cold.ToJsonString());
        var runs = cold["data"]!["runs"]!.AsArray();
        runs.Count.ShouldBe(RunCount);
        runs.ShouldAllBe(run => run!["isFinished"]!.GetValue<bool>() && run["rawStatus"]!.GetValue<string>() == "pass" && run["summary"]!["isFinal"]!.GetValue<bool>());
        coldCalls.ShouldBe(2 * RunCount, "a cold query asks the vendor once per run and once per summary");
        var expected = cold["data"]!.ToJsonString();

        var costs = await RepeatUntilFreeAsync(host, refs, expected);

        costs[^1].ShouldBe(0, $"vendor calls per warm repeat: {string.Join(", ", costs)}");
        (await RedisProbe.DbSizeAsync(redis.Port, cancellationToken)).ShouldBeGreaterThanOrEqualTo(2 * RunCount, "runs and summaries are stored in Redis");
        return expected;
    }

    /// <summary>Repeats the query until one costs no vendor call or the deadline passes; every answer must equal <paramref name="expected"/>.</summary>
    private static async Task<List<long>> RepeatUntilFreeAsync(GatewayHost host, List<Dictionary<string, object?>> refs, string expected)
    {
        var costs = new List<long>();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Deadline)
        {
            var (response, vendorCalls) = await QueryCountingAsync(host, refs);
            response["errors"].ShouldBeNull(response.ToJsonString());
            response["data"]!.ToJsonString().ShouldBe(expected);
            costs.Add(vendorCalls);
            if (vendorCalls == 0)
            {
                break;
            }

            // Give the gateway's retry interval a chance to pass before the next attempt; a poll, not a fixed wait for an outcome.
            await Task.Delay(OutageRetryInterval / 5, TestContext.Current.CancellationToken);
        }

        return costs;
    }

    /// <summary>Runs the query once and returns the response with the number of CCExtractor calls it caused.</summary>
    private static async Task<(JsonObject Response, long VendorCalls)> QueryCountingAsync(GatewayHost host, List<Dictionary<string, object?>> refs)
    {
        var before = VendorCalls(await host.StatsAsync("ccextractor"));
        var response = await host.QueryAsync(Query, new { refs });
        var after = VendorCalls(await host.StatsAsync("ccextractor"));
        return (response, after - before);
    }

    private static long VendorCalls(IReadOnlyDictionary<string, long> stats) =>
        stats.Where(pair => pair.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(pair => pair.Value);

    /// <summary>A few loops querying the gateway back to back until stopped, recording every answer.</summary>
    private sealed class QueryLoad
    {
        private readonly ConcurrentQueue<JsonObject> _answers = new();
        private readonly Task _loops;
        private volatile bool _stopping;
        private volatile bool _outage;
        private int _answeredSinceOutage;

        public QueryLoad(GatewayHost host, List<Dictionary<string, object?>> refs, int loops) =>
            _loops = Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(() => LoopAsync(host, refs))));

        /// <summary>How many queries that began after <see cref="MarkOutage"/> have been answered.</summary>
        public int AnsweredSinceOutage => Volatile.Read(ref _answeredSinceOutage);

        /// <summary>Whether a loop ended with an exception (the test stops waiting and <see cref="StopAsync"/> throws it).</summary>
        public bool HasFailed => _loops.IsFaulted;

        /// <summary>Marks the moment the outage began.</summary>
        public void MarkOutage() => _outage = true;

        /// <summary>Stops the loops and returns every answer received.</summary>
        public async Task<IReadOnlyCollection<JsonObject>> StopAsync()
        {
            _stopping = true;
            await _loops;
            return _answers;
        }

        private async Task LoopAsync(GatewayHost host, List<Dictionary<string, object?>> refs)
        {
            while (!_stopping)
            {
                var beganInOutage = _outage;
                _answers.Enqueue(await host.QueryAsync(Query, new { refs }));
                if (beganInOutage)
                {
                    Interlocked.Increment(ref _answeredSinceOutage);
                }
            }
        }
    }
}
