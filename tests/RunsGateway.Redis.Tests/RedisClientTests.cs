using RunsGateway.Redis.Protocol;
using RunsGateway.Redis.Tests.Infrastructure;
using static RunsGateway.Redis.Tests.Infrastructure.TestClients;

namespace RunsGateway.Redis.Tests;

public sealed class RedisClientTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RedisClient _client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = Create(fixture.Server);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private static string Key(string name) => $"{name}:{Guid.NewGuid():N}";

    [Fact]
    public async Task ConnectAsync_DefaultProtocol_NegotiatesResp3()
    {
        await _client.ConnectAsync(Token);

        _client.Protocol.ShouldBe(3);
        (await _client.PingAsync(Token)).ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task ConnectAsync_ProtocolResp2_StaysOnResp2AndStillWorks()
    {
        await using var client = Create(fixture.Server, ",protocol=resp2");
        var key = Key("resp2");

        await client.SetAsync(key, Utf8("two"), null, SetCondition.Always, Token);

        client.Protocol.ShouldBe(2);
        Text(await client.GetAsync(key, Token)).ShouldBe("two");
        (await client.MGetAsync([key, Key("missing")], Token)).Select(Text).ShouldBe(["two", null]);
        (await client.InfoAsync("server", Token)).ShouldContain("redis_version:");
    }

    [Fact]
    public async Task GetAsync_AfterSet_ReturnsExactBinaryValue()
    {
        var key = Key("binary");
        var value = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await _client.SetAsync(key, value, null, SetCondition.Always, Token);

        (await _client.GetAsync(key, Token)).ShouldBe(value);
    }

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        (await _client.GetAsync(Key("missing"), Token)).ShouldBeNull();
    }

    [Fact]
    public async Task GetAsync_ValueOfFourMegabytes_ArrivesWhole()
    {
        var key = Key("large");
        var value = new byte[4 * 1024 * 1024];
        new Random(7).NextBytes(value);

        await _client.SetAsync(key, value, null, SetCondition.Always, Token);

        var read = await _client.GetAsync(key, Token);
        read.ShouldNotBeNull().Length.ShouldBe(value.Length);
        read.AsSpan().SequenceEqual(value).ShouldBeTrue();
    }

    [Fact]
    public async Task SetAsync_NotExistsOnExistingKey_ReturnsFalseAndKeepsValue()
    {
        var key = Key("nx");
        await _client.SetAsync(key, Utf8("first"), null, SetCondition.Always, Token);

        var written = await _client.SetAsync(key, Utf8("second"), null, SetCondition.NotExists, Token);

        written.ShouldBeFalse();
        Text(await _client.GetAsync(key, Token)).ShouldBe("first");
    }

    [Fact]
    public async Task SetAsync_ExistsOnMissingKey_ReturnsFalseAndWritesNothing()
    {
        var key = Key("xx");

        var written = await _client.SetAsync(key, Utf8("value"), null, SetCondition.Exists, Token);

        written.ShouldBeFalse();
        (await _client.ExistsAsync([key], Token)).ShouldBe(0);
    }

    [Theory]
    [InlineData(30_000, 29, 30)]
    [InlineData(90_500, 89, 91)]
    public async Task SetAsync_WithExpiry_SetsTimeToLive(int milliseconds, long minimumSeconds, long maximumSeconds)
    {
        var key = Key("ttl");

        await _client.SetAsync(key, Utf8("v"), TimeSpan.FromMilliseconds(milliseconds), SetCondition.Always, Token);

        (await _client.TtlAsync(key, Token)).ShouldBeInRange(minimumSeconds, maximumSeconds);
    }

    [Fact]
    public async Task ExpireAsync_ExistingKey_SetsTtlAndMissingKeyReturnsFalse()
    {
        var key = Key("expire");
        await _client.SetAsync(key, Utf8("v"), null, SetCondition.Always, Token);
        (await _client.TtlAsync(key, Token)).ShouldBe(-1);

        (await _client.ExpireAsync(key, TimeSpan.FromMinutes(2), Token)).ShouldBeTrue();
        (await _client.ExpireAsync(Key("missing"), TimeSpan.FromMinutes(2), Token)).ShouldBeFalse();

        (await _client.TtlAsync(key, Token)).ShouldBeInRange(119, 120);
        (await _client.TtlAsync(Key("missing"), Token)).ShouldBe(-2);
    }

    [Fact]
    public async Task DeleteAndUnlink_ExistingKeys_RemoveThemAndCount()
    {
        string[] keys = [Key("del"), Key("del"), Key("del")];
        foreach (var key in keys)
        {
            await _client.SetAsync(key, Utf8("v"), null, SetCondition.Always, Token);
        }

        (await _client.ExistsAsync(keys, Token)).ShouldBe(3);
        (await _client.DeleteAsync([keys[0], Key("missing")], Token)).ShouldBe(1);
        (await _client.UnlinkAsync([keys[1], keys[2]], Token)).ShouldBe(2);
        (await _client.ExistsAsync(keys, Token)).ShouldBe(0);
    }

    [Fact]
    public async Task MGetAsync_MixOfPresentAndMissing_ReturnsValuesInKeyOrder()
    {
        var present = Enumerable.Range(0, 50).Select(i => Key($"mget{i}")).ToArray();
        foreach (var key in present)
        {
            await _client.SetAsync(key, Utf8("value of " + key), null, SetCondition.Always, Token);
        }

        string[] keys = [.. present.Take(25), Key("missing"), .. present.Skip(25)];

        var values = await _client.MGetAsync(keys, Token);

        values.Select(Text).ShouldBe(keys.Select(k => k.StartsWith("missing", StringComparison.Ordinal) ? null : "value of " + k));
    }

    [Fact]
    public async Task SetManyAsync_PerKeyExpiry_WritesAllAndGetManyReadsThemBack()
    {
        var prefix = Key("many");
        var items = Enumerable.Range(0, 40)
            .Select(i => new RedisSetItem($"{prefix}:{i}", Utf8($"value {i}"), i % 2 == 0 ? TimeSpan.FromSeconds(100 + i) : null))
            .ToArray();

        await _client.SetManyAsync(items, Token);
        var values = await _client.GetManyAsync([.. items.Select(i => i.Key), prefix + ":absent"], Token);

        values.Select(Text).ShouldBe([.. Enumerable.Range(0, 40).Select(i => $"value {i}"), null]);
        (await _client.TtlAsync(items[0].Key, Token)).ShouldBeInRange(99, 100);
        (await _client.TtlAsync(items[10].Key, Token)).ShouldBeInRange(109, 110);
        (await _client.TtlAsync(items[1].Key, Token)).ShouldBe(-1);
    }

    [Fact]
    public async Task MGetManyAsync_SeveralKeySets_ReturnsOneArrayPerSetInOrder()
    {
        string[] keys = [Key("mm"), Key("mm"), Key("mm")];
        await _client.SetManyAsync([.. keys.Select(k => new RedisSetItem(k, Utf8("v:" + k), null))], Token);

        var results = await _client.MGetManyAsync([[keys[2], keys[0]], [Key("missing")], [keys[1]]], Token);

        results.Length.ShouldBe(3);
        results[0].Select(Text).ShouldBe(["v:" + keys[2], "v:" + keys[0]]);
        results[1].Select(Text).ShouldBe([null]);
        results[2].Select(Text).ShouldBe(["v:" + keys[1]]);
    }

    [Fact]
    public async Task ExecuteBatchAsync_OneCommandFails_OthersStillReturnTheirReplies()
    {
        var list = Key("batch-list");
        var counter = Key("batch-counter");
        await _client.ExecuteAsync(["RPUSH", list, "x"], Token);

        var replies = await _client.ExecuteBatchAsync([["INCR", counter], ["INCR", list], ["INCRBY", counter, 41L]], Token);

        replies[0].Integer.ShouldBe(1);
        replies[1].IsError.ShouldBeTrue();
        replies[1].ErrorMessage.ShouldStartWith("WRONGTYPE");
        replies[2].Integer.ShouldBe(42);
    }

    [Fact]
    public async Task ScanKeysAsync_ManyKeys_FindsEveryMatchingKey()
    {
        var prefix = Key("scan");
        var expected = Enumerable.Range(0, 120).Select(i => $"{prefix}:{i}").ToHashSet();
        await _client.SetManyAsync([.. expected.Select(k => new RedisSetItem(k, Utf8("v"), null))], Token);

        var found = new HashSet<string>();
        await foreach (var key in _client.ScanKeysAsync(prefix + ":*", 17, Token))
        {
            found.Add(key);
        }

        found.ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task InfoAsync_Resp3_ReturnsServerTextWithoutVerbatimPrefix()
    {
        var info = await _client.InfoAsync("server", Token);

        info.ShouldStartWith("# Server");
        info.ShouldContain("redis_version:");
    }

    [Fact]
    public async Task ExecuteAsync_WrongType_ThrowsServerExceptionAndConnectionKeepsWorking()
    {
        var key = Key("list");
        await _client.ExecuteAsync(["RPUSH", key, "a"], Token);

        var exception = await Should.ThrowAsync<RedisServerException>(() => _client.GetAsync(key, Token));

        exception.Command.ShouldBe("GET");
        exception.ServerMessage!.ShouldStartWith("WRONGTYPE");
        (await _client.ExecuteAsync(["LLEN", key], Token)).Integer.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_Resp3Map_ParsesHelloReply()
    {
        var reply = await _client.ExecuteAsync(["HELLO", 3L], Token);

        reply.Type.ShouldBe(RespType.Map);
        var pairs = reply.Items.Chunk(2).ToDictionary(p => p[0].AsString()!, p => p[1]);
        pairs["proto"].Integer.ShouldBe(3);
        pairs["server"].AsString().ShouldBe("redis");
    }

    [Fact]
    public async Task GetAsync_CancelledWhileWaiting_ThrowsAndLaterRepliesStayMatched()
    {
        var key = Key("cancel");
        await _client.SetAsync(key, Utf8("after"), null, SetCondition.Always, Token);
        using var cancellation = new CancellationTokenSource();

        // BLPOP holds the reply back for a second, so the cancellation certainly lands before it.
        var blocked = _client.ExecuteAsync(["BLPOP", Key("empty"), 1L], cancellation.Token);
        cancellation.Cancel();

        await Should.ThrowAsync<OperationCanceledException>(() => blocked);
        Text(await _client.GetAsync(key, Token)).ShouldBe("after");
    }
}
