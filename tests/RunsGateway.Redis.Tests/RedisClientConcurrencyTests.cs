using RunsGateway.Redis.Tests.Infrastructure;
using static RunsGateway.Redis.Tests.Infrastructure.TestClients;

namespace RunsGateway.Redis.Tests;

public sealed class RedisClientConcurrencyTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private const int Tasks = 64;
    private const int OperationsPerTask = 10_000;
    private const int KeysPerTask = 50;

    [Fact]
    public async Task MixedGetSetMGet_64TasksTimes10000OnOneConnection_EveryReplyMatchesItsCommand()
    {
        var token = TestContext.Current.CancellationToken;
        await using var client = Create(fixture.Server);
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, Tasks * KeysPerTask).Select(i => $"mix:{run}:{i}").ToArray();

        // Every value starts with its own key, so a reply delivered to the wrong command is detected.
        await client.SetManyAsync([.. keys.Select(k => new RedisSetItem(k, Utf8(k + "|0"), null))], token);
        var mismatches = 0;
        var completed = 0;

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            var random = new Random(task);
            for (var i = 0; i < OperationsPerTask; i++)
            {
                var key = keys[random.Next(keys.Length)];
                switch (i % 3)
                {
                    case 0:
                        await client.SetAsync(key, Utf8($"{key}|{task}.{i}"), null, SetCondition.Always, token);
                        break;
                    case 1:
                        if (!Matches(key, await client.GetAsync(key, token)))
                        {
                            Interlocked.Increment(ref mismatches);
                        }

                        break;
                    default:
                        string[] batch = [key, keys[random.Next(keys.Length)], keys[random.Next(keys.Length)], keys[random.Next(keys.Length)], keys[random.Next(keys.Length)]];
                        var values = await client.MGetAsync(batch, token);
                        for (var j = 0; j < batch.Length; j++)
                        {
                            if (!Matches(batch[j], values[j]))
                            {
                                Interlocked.Increment(ref mismatches);
                            }
                        }

                        break;
                }

                Interlocked.Increment(ref completed);
            }
        }, token)));

        mismatches.ShouldBe(0);
        completed.ShouldBe(Tasks * OperationsPerTask);
    }

    private static bool Matches(string key, byte[]? value) =>
        Text(value) is { } text && text.StartsWith(key + "|", StringComparison.Ordinal);
}
