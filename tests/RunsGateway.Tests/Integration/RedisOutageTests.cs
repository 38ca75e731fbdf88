using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// The gateway against a real redis-server that is killed, restarted or paused mid-run: Redis is an optimisation, never a
/// dependency. Hot finished runs keep coming from the in-process tier; everything else comes from the vendors without waiting for
/// Redis. Proven with the simulator's request counters and with the keys Redis itself holds.
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
    public async Task Query_RedisKilledUnderLoad_FailsNoRequestAndServesHotRunsInProcess()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var refs = (await FinishedRunRefsAsync(host, RunCount))[..RunCount];
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

        // Then one query at a time, for longer than two retry intervals (so the gateway also retries the dead Redis).
        var outage = Stopwatch.StartNew();
        var queries = 0;
        while (queries < 3 || outage.Elapsed < 2 * OutageRetryInterval)
        {
            var (response, vendorCalls) = await QueryCountingAsync(host, refs);

            response["errors"].ShouldBeNull($"query {queries + 1} during the outage: {response.ToJsonString()}");
            response["data"]!.ToJsonString().ShouldBe(expected, $"query {queries + 1} during the outage answers the same data");
            vendorCalls.ShouldBe(0, $"query {queries + 1} during the outage is served by the in-process tier");
            queries++;
        }
    }

    [Fact]
    public async Task Query_ColdRunsWhileRedisIsDown_AnsweredFromTheVendorsAtOnce()
    {
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var refs = await FinishedRunRefsAsync(host, RunCount);
        await redis.KillAsync();

        var began = Stopwatch.StartNew();
        var (response, vendorCalls) = await QueryCountingAsync(host, refs[..RunCount]);

        output.WriteLine($"answered in {began.ElapsedMilliseconds} ms with Redis down");
        response["errors"].ShouldBeNull(response.ToJsonString());
        vendorCalls.ShouldBe(2 * RunCount, "every run and summary came from the vendor");
        began.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "commands fail fast instead of queueing for StackExchange.Redis's 5 s timeout");
    }

    [Fact]
    public async Task Query_RedisRestartedAfterAnOutage_IsUsedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var all = await FinishedRunRefsAsync(host, 2 * RunCount);
        await WarmUpAsync(host, all[..RunCount], redis, cancellationToken);
        await redis.KillAsync();
        var (duringOutage, _) = await QueryCountingAsync(host, all[RunCount..(RunCount + 1)]);
        duringOutage["errors"].ShouldBeNull(duringOutage.ToJsonString());

        await redis.RestartAsync();
        (await RedisProbe.DbSizeAsync(redis.Port, cancellationToken)).ShouldBe(0, "the restarted redis-server starts empty");

        // Runs not yet seen are fetched and stored; once the gateway has reconnected they land in Redis again.
        var next = RunCount + 1;
        var deadline = Stopwatch.StartNew();
        long stored;
        do
        {
            var (response, _) = await QueryCountingAsync(host, all[next..(next + 1)]);
            response["errors"].ShouldBeNull(response.ToJsonString());
            next++;
            stored = await RedisProbe.DbSizeAsync(redis.Port, cancellationToken);
            if (stored == 0)
            {
                // Give the reconnection and the retry interval a chance; a poll, not a fixed wait for an outcome.
                await Task.Delay(OutageRetryInterval / 2, cancellationToken);
            }
        }
        while (stored == 0 && next < all.Count - 1 && deadline.Elapsed < Deadline);

        output.WriteLine($"{next - RunCount - 1} fresh runs queried until Redis held {stored} keys");
        stored.ShouldBeGreaterThanOrEqualTo(2, "a run and its summary were stored in the restarted Redis");
    }

    [Fact]
    public async Task Query_RedisPaused_AnswersWithoutWaitingAndUsesRedisAfterwards()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var redis = await StartRedisAsync();
        await using var host = await StartGatewayAsync(redis);
        var all = await FinishedRunRefsAsync(host, 2 * RunCount);
        var hot = all[..RunCount];
        var cold = all[RunCount..(2 * RunCount)];
        var expected = await WarmUpAsync(host, hot, redis, cancellationToken);

        // The slow-Redis case: Redis still accepts connections and commands but answers none until the pause ends.
        var pause = ((long)Pause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await RedisProbe.CommandAsync(redis.Port, ["CLIENT", "PAUSE", pause, "ALL"], cancellationToken)).ShouldBe("+OK");
        var paused = Stopwatch.StartNew();
        var (hotResponse, hotCalls) = await QueryCountingAsync(host, hot);
        var (coldResponse, coldCalls) = await QueryCountingAsync(host, cold);
        var answeredAfter = paused.Elapsed;

        output.WriteLine($"answered {answeredAfter.TotalMilliseconds:0} ms into an {Pause.TotalSeconds:0} s pause");
        hotResponse["data"]!.ToJsonString().ShouldBe(expected);
        hotCalls.ShouldBe(0, "hot runs come from the in-process tier");
        coldResponse["errors"].ShouldBeNull(coldResponse.ToJsonString());
        coldCalls.ShouldBe(2 * RunCount, "cold runs come from the vendor");
        answeredAfter.ShouldBeLessThan(Pause, "no query waited for the paused Redis");

        // When the pause ends Redis answers the abandoned round trips late; new runs are stored in it again.
        var fresh = (await host.RunsAsync("ccextractor", "pass")).Skip(2 * RunCount).ToList();
        var next = 0;
        var deadline = Stopwatch.StartNew();
        while (await RedisProbe.DbSizeAsync(redis.Port, cancellationToken) < 2L * RunCount + 2 && next < fresh.Count && deadline.Elapsed < Deadline)
        {
            var run = new Dictionary<string, object?> { ["vendor"] = "CCEXTRACTOR", ["runId"] = fresh[next++].RunId };
            await host.QueryAsync(Query, new { refs = new[] { run } });
            await Task.Delay(OutageRetryInterval / 5, cancellationToken);
        }

        paused.Elapsed.ShouldBeGreaterThan(Pause, "Redis was used again only once it answered");
        (await RedisProbe.DbSizeAsync(redis.Port, cancellationToken)).ShouldBeGreaterThanOrEqualTo(2L * RunCount + 2);
    }

    private static Task<RedisServer> StartRedisAsync() => RedisCacheTests.StartRedisAsync();

    private static Task<GatewayHost> StartGatewayAsync(RedisServer redis) => GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = redis.Endpoint,
        // Long enough for a cold StackExchange.Redis code path on a loaded machine; the pause (8 s) is far longer.
        ["Cache:OperationTimeout"] = "00:00:01",
        ["Cache:OutageRetryInterval"] = OutageRetryInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>Every passed CCExtractor run (at least <paramref name="count"/>), in the simulator's order.</summary>
    private static async Task<List<Dictionary<string, object?>>> FinishedRunRefsAsync(GatewayHost host, int count)
    {
        var finished = await host.RunsAsync("ccextractor", "pass");
        finished.Count.ShouldBeGreaterThanOrEqualTo(count, "the simulator seeds enough passed CCExtractor runs");
        return [.. finished.Select(run => new Dictionary<string, object?> { ["vendor"] = "CCEXTRACTOR", ["runId"] = run.RunId })];
    }

    /// <summary>Queries the runs cold and once more warm; returns the data every answer must equal.</summary>
    private static async Task<string> WarmUpAsync(GatewayHost host, List<Dictionary<string, object?>> refs, RedisServer redis, CancellationToken cancellationToken)
    {
        var (cold, coldCalls) = await QueryCountingAsync(host, refs);
        cold["errors"].ShouldBeNull(cold.ToJsonString());
        var runs = cold["data"]!["runs"]!.AsArray();
        runs.Count.ShouldBe(refs.Count);
        runs.ShouldAllBe(run => run!["isFinished"]!.GetValue<bool>() && run["rawStatus"]!.GetValue<string>() == "pass" && run["summary"]!["isFinal"]!.GetValue<bool>());
        coldCalls.ShouldBe(2 * refs.Count, "a cold query asks the vendor once per run and once per summary");
        var expected = cold["data"]!.ToJsonString();

        var (warm, warmCalls) = await QueryCountingAsync(host, refs);
        warm["data"]!.ToJsonString().ShouldBe(expected);
        warmCalls.ShouldBe(0, "a warm query is served by the cache");
        (await RedisProbe.DbSizeAsync(redis.Port, cancellationToken)).ShouldBeGreaterThanOrEqualTo(2 * refs.Count, "runs and summaries are stored in Redis");
        return expected;
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
