using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RunsGateway.Redis;

namespace RunsGateway.Benchmarks.Redis;

/// <summary>
/// Console mode measuring the client against a running redis-server, shaped like redis-benchmark:
/// <c>--clients</c> concurrent callers on our one shared connection, each keeping <c>--pipeline</c> requests in flight.
/// Usage: <c>redis-throughput --port 6379 [--test get|mget50|mget50-concurrent|all] [--seconds 5] [--clients 50] [--pipeline 16]</c>. Prints one line per test:
/// <c>get|mget50|mget50-concurrent &lt;requests/s&gt; &lt;client CPU microseconds per request&gt;</c>.
/// </summary>
internal static class RedisThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = Option(args, "--port", 6379);
        var seconds = Option(args, "--seconds", 5);
        var clients = Option(args, "--clients", 50);
        var pipeline = Option(args, "--pipeline", 16);
        var index = Array.IndexOf(args, "--test");
        var test = index >= 0 && index + 1 < args.Length ? args[index + 1] : "all";

        var configuration = RedisConfiguration.Parse($"127.0.0.1:{port},syncTimeout=30000");
        await using var client = new RedisClient(configuration, TimeProvider.System, NullLogger<RedisClient>.Instance);
        var keys = Enumerable.Range(1, 50).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        await client.SetManyAsync([.. keys.Select(k => new RedisSetItem(k, "xxx"u8.ToArray(), null))], CancellationToken.None).ConfigureAwait(false);

        if (test is "all" or "get")
        {
            await MeasureGetAsync(client, keys, clients, seconds, pipeline).ConfigureAwait(false);
        }

        if (test is "all" or "mget50")
        {
            await MeasureMGetBatchAsync(client, keys, clients, seconds, pipeline).ConfigureAwait(false);
        }

        if (test is "all" or "mget50-concurrent")
        {
            await MeasureMGetAsync(client, keys, clients, seconds, pipeline).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task MeasureGetAsync(RedisClient client, string[] keys, int clients, int seconds, int pipeline)
    {
        // Pipelined GET: each caller writes `pipeline` GETs in one flush and awaits their replies.
        var getKeys = keys.Take(pipeline).ToArray();
        var gets = await MeasureAsync(clients, seconds, pipeline, async () =>
        {
            var values = await client.GetManyAsync(getKeys, CancellationToken.None).ConfigureAwait(false);
            if (values[^1] is null)
            {
                throw new InvalidOperationException("GET returned no value.");
            }
        }).ConfigureAwait(false);
        Console.WriteLine(FormattableString.Invariant($"get {gets}"));
    }

    private static async Task MeasureMGetBatchAsync(RedisClient client, string[] keys, int clients, int seconds, int pipeline)
    {
        // MGET of 50 keys, pipelined like redis-benchmark -P: each caller writes `pipeline` MGETs in one flush.
        var mgets = await MeasureAsync(clients, seconds, pipeline, async () =>
        {
            var keySets = new IReadOnlyList<string>[pipeline];
            Array.Fill(keySets, keys);
            var replies = await client.MGetManyAsync(keySets, CancellationToken.None).ConfigureAwait(false);
            if (replies[^1].Length != keys.Length)
            {
                throw new InvalidOperationException("MGET returned the wrong number of values.");
            }
        }).ConfigureAwait(false);
        Console.WriteLine(FormattableString.Invariant($"mget50 {mgets}"));
    }

    private static async Task MeasureMGetAsync(RedisClient client, string[] keys, int clients, int seconds, int pipeline)
    {
        // MGET of 50 keys as independent calls: each caller keeps `pipeline` MGetAsync calls in flight on the shared connection.
        var mgets = await MeasureAsync(clients, seconds, pipeline, async () =>
        {
            var inFlight = new Task<byte[]?[]>[pipeline];
            for (var i = 0; i < inFlight.Length; i++)
            {
                inFlight[i] = client.MGetAsync(keys, CancellationToken.None);
            }

            foreach (var values in await Task.WhenAll(inFlight).ConfigureAwait(false))
            {
                if (values.Length != keys.Length)
                {
                    throw new InvalidOperationException("MGET returned the wrong number of values.");
                }
            }
        }).ConfigureAwait(false);
        Console.WriteLine(FormattableString.Invariant($"mget50-concurrent {mgets}"));
    }

    private static async Task<string> MeasureAsync(int clients, int seconds, int requestsPerRound, Func<Task> round)
    {
        // Warm-up: JIT, connection, thread pool growth.
        await RunForAsync(clients, TimeSpan.FromSeconds(1), round).ConfigureAwait(false);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var rounds = await RunForAsync(clients, TimeSpan.FromSeconds(seconds), round).ConfigureAwait(false);
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        var requests = rounds * requestsPerRound;

        // CPU per request is reported too: on a shared machine it is steadier than requests/s.
        var cpuMicroseconds = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / requests;
        return FormattableString.Invariant($"{requests / elapsed.TotalSeconds:0} {cpuMicroseconds:0.00}");
    }

    private static async Task<long> RunForAsync(int clients, TimeSpan duration, Func<Task> round)
    {
        long rounds = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await round().ConfigureAwait(false);
                Interlocked.Increment(ref rounds);
            }
        }))).ConfigureAwait(false);
        return rounds;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
