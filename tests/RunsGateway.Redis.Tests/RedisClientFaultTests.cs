using System.Diagnostics;
using RunsGateway.Redis.Tests.Infrastructure;
using static RunsGateway.Redis.Tests.Infrastructure.TestClients;

namespace RunsGateway.Redis.Tests;

public sealed class RedisClientFaultTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerKilledAndRestarted_InFlightFailFastThenCommandsSucceedAfterReconnect()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = Create(server, ",syncTimeout=10000");
        await client.SetAsync("survivor", Utf8("survivor|before"), null, SetCondition.Always, Token);

        // A background load keeps many commands in flight while the server dies.
        using var stop = new CancellationTokenSource();
        var unexpected = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var connectionErrors = 0;
        var successes = 0;
        var load = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var key = $"load:{worker}:{i++ % 20}";
                try
                {
                    await client.SetAsync(key, Utf8(key + "|v"), null, SetCondition.Always, CancellationToken.None);
                    var value = Text(await client.GetAsync(key, CancellationToken.None));
                    if (value is not null && !value.StartsWith(key + "|", StringComparison.Ordinal))
                    {
                        unexpected.Enqueue(new InvalidOperationException($"{key} got {value}"));
                    }

                    Interlocked.Increment(ref successes);
                }
                catch (RedisConnectionException)
                {
                    Interlocked.Increment(ref connectionErrors);
                    await Task.Delay(5, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue(ex);
                }
            }
        }, CancellationToken.None)).ToArray();
        (await EventuallyAsync(() => Task.FromResult(Volatile.Read(ref successes) > 200), TimeSpan.FromSeconds(10))).ShouldBeTrue();

        // BLPOP with no timeout never answers on its own: only the connection drop can end it.
        var blocked = client.ExecuteAsync(["BLPOP", "never-filled", 0L], CancellationToken.None);
        await Task.Delay(50, Token);
        var killedAt = Stopwatch.StartNew();
        await server.KillAsync();

        var lost = await Should.ThrowAsync<RedisConnectionException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(5), Token));
        killedAt.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3), "in-flight commands must fail fast, well before the 10 s command timeout");
        lost.Message.ShouldContain("BLPOP");
        lost.Message.ShouldContain(server.Endpoint);
        lost.Message.ShouldContain("was lost");

        var whileDown = await Should.ThrowAsync<RedisConnectionException>(() => client.GetAsync("survivor", Token).WaitAsync(TimeSpan.FromSeconds(10), Token));
        whileDown.Message.ShouldContain(server.Endpoint);

        await server.RestartAsync();
        (await EventuallyAsync(async () =>
        {
            try
            {
                await client.PingAsync(Token);
                return true;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15))).ShouldBeTrue("the client should reconnect once the server is back");

        var afterRestart = Volatile.Read(ref successes);
        (await EventuallyAsync(() => Task.FromResult(Volatile.Read(ref successes) > afterRestart + 200), TimeSpan.FromSeconds(10))).ShouldBeTrue();
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(10), Token);

        unexpected.ShouldBeEmpty();
        connectionErrors.ShouldBeGreaterThan(0);
        client.IsConnected.ShouldBeTrue();
        (await client.GetAsync("survivor", Token)).ShouldBeNull("the restarted server has no persistence");
    }

    [Fact]
    public async Task ClientPauseLongerThanCommandTimeout_CommandsTimeOutThenLaterRepliesStayMatched()
    {
        await using var server = await RedisServer.StartAsync();
        await using var admin = Create(server);
        await using var client = Create(server, ",syncTimeout=300");
        for (var i = 0; i < 5; i++)
        {
            await client.SetAsync($"paused:{i}", Utf8($"paused:{i}|value"), null, SetCondition.Always, Token);
        }

        await admin.ExecuteAsync(["CLIENT", "PAUSE", 2000L, "ALL"], Token);
        var started = Stopwatch.StartNew();
        var during = Enumerable.Range(0, 5).Select(i => client.GetAsync($"paused:{i}", Token)).ToArray();

        foreach (var get in during)
        {
            var timeout = await Should.ThrowAsync<RedisTimeoutException>(() => get.WaitAsync(TimeSpan.FromSeconds(5), Token));
            timeout.Message.ShouldContain("GET");
            timeout.Message.ShouldContain("300 ms");
        }

        started.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(1800), "the commands must time out, not wait for the pause to end");
        (await EventuallyAsync(async () =>
        {
            try
            {
                return Text(await client.GetAsync("paused:3", Token)) == "paused:3|value";
            }
            catch (RedisTimeoutException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10))).ShouldBeTrue();
        Text(await client.GetAsync("paused:1", Token)).ShouldBe("paused:1|value");
        client.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task ConnectAsync_ServerWithoutHello_FallsBackToResp2()
    {
        // With HELLO renamed away the server answers like Redis 5: "ERR unknown command".
        await using var server = await RedisServer.StartAsync("--rename-command", "HELLO", "");
        await using var client = Create(server);

        await client.SetAsync("fallback", Utf8("resp2"), TimeSpan.FromMinutes(1), SetCondition.Always, Token);

        client.Protocol.ShouldBe(2);
        Text(await client.GetAsync("fallback", Token)).ShouldBe("resp2");
        (await client.GetAsync("fallback:missing", Token)).ShouldBeNull();
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionExceptionNamingEndpoint()
    {
        await using var server = await RedisServer.StartAsync();
        await server.KillAsync();
        await using var client = Create(server, ",connectTimeout=2000");

        var exception = await Should.ThrowAsync<RedisConnectionException>(() => client.GetAsync("k", Token).WaitAsync(TimeSpan.FromSeconds(5), Token));

        exception.Message.ShouldContain(server.Endpoint);
        client.IsConnected.ShouldBeFalse();
    }
}
