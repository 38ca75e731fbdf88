using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using RunsGateway.Redis.Tests.Infrastructure;
using static RunsGateway.Redis.Tests.Infrastructure.TestClients;

namespace RunsGateway.Redis.Tests;

// The tests go through the interfaces on purpose: that is the surface the gateway and ASP.NET use.
#pragma warning disable CA1859

public sealed class RedisCacheTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private RedisClient _client = null!;
    private RedisCache _cache = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = Create(fixture.Server);
        _cache = new RedisCache(_client, Options.Create(new RedisCacheOptions { KeyPrefix = _prefix }), _clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task SetManyAsync_PerEntryTimeToLive_StoresUnderPrefixWithEachTtl()
    {
        IBatchCache cache = _cache;

        await cache.SetManyAsync(
            [new CacheEntry("run:1", Utf8("one"), TimeSpan.FromMinutes(5)), new CacheEntry("run:2", Utf8("two"), TimeSpan.FromHours(1)), new CacheEntry("run:3", Utf8("three"), Timeout.InfiniteTimeSpan)],
            Token);

        Text(await _client.GetAsync(_prefix + "run:1", Token)).ShouldBe("one");
        (await _client.TtlAsync(_prefix + "run:1", Token)).ShouldBeInRange(299, 300);
        (await _client.TtlAsync(_prefix + "run:2", Token)).ShouldBeInRange(3599, 3600);
        (await _client.TtlAsync(_prefix + "run:3", Token)).ShouldBe(-1);
    }

    [Fact]
    public async Task GetManyAsync_SomeMissing_ReturnsValuesInOrderWithNulls()
    {
        IBatchCache cache = _cache;
        await cache.SetManyAsync([new CacheEntry("a", Utf8("A"), TimeSpan.FromMinutes(1)), new CacheEntry("c", Utf8("C"), TimeSpan.FromMinutes(1))], Token);

        var values = await cache.GetManyAsync(["c", "b", "a"], Token);

        values.Select(Text).ShouldBe(["C", null, "A"]);
        (await cache.GetManyAsync([], Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetManyAsync_NonPositiveTimeToLive_ThrowsAndWritesNothing()
    {
        IBatchCache cache = _cache;

        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () =>
            await cache.SetManyAsync([new CacheEntry("ok", Utf8("x"), TimeSpan.FromMinutes(1)), new CacheEntry("bad", Utf8("x"), TimeSpan.Zero)], Token));

        (await _client.ExistsAsync([_prefix + "ok", _prefix + "bad"], Token)).ShouldBe(0);
    }

    [Fact]
    public async Task RemoveAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        IBatchCache cache = _cache;
        await cache.SetManyAsync([new CacheEntry("gone", Utf8("x"), TimeSpan.FromMinutes(1))], Token);

        (await cache.RemoveAsync("gone", Token)).ShouldBeTrue();
        (await cache.RemoveAsync("gone", Token)).ShouldBeFalse();
    }

    [Fact]
    public async Task DistributedCache_SetThenGet_RoundTripsValueWithAbsoluteTtl()
    {
        IDistributedCache cache = _cache;

        await cache.SetAsync("page", Utf8("<html>"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(90) }, Token);

        Text(await cache.GetAsync("page", Token)).ShouldBe("<html>");
        Text(cache.Get("page")).ShouldBe("<html>");
        (await _client.TtlAsync(_prefix + "page", Token)).ShouldBeInRange(89, 90);
    }

    [Fact]
    public async Task DistributedCache_Remove_DeletesEntry()
    {
        IDistributedCache cache = _cache;
        cache.Set("temp", Utf8("x"), new DistributedCacheEntryOptions());

        await cache.RemoveAsync("temp", Token);

        (await cache.GetAsync("temp", Token)).ShouldBeNull();
    }

    [Fact]
    public async Task DistributedCache_AbsoluteExpirationInPast_Throws()
    {
        IDistributedCache cache = _cache;

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            cache.SetAsync("old", Utf8("x"), new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.GetUtcNow().AddSeconds(-1) }, Token));
    }

    [Fact]
    public async Task DistributedCache_GetWithSlidingExpiration_RenewsTtl()
    {
        IDistributedCache cache = _cache;
        await cache.SetAsync("session", Utf8("s"), new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) }, Token);

        // Stand in for time passing on the server: shorten the TTL, then read.
        await _client.ExpireAsync(_prefix + "session", TimeSpan.FromSeconds(20), Token);
        Text(await cache.GetAsync("session", Token)).ShouldBe("s");

        (await _client.TtlAsync(_prefix + "session", Token)).ShouldBeInRange(599, 600);
    }

    [Fact]
    public async Task DistributedCache_RefreshNearAbsoluteExpiration_RenewsOnlyUntilAbsoluteExpiration()
    {
        IDistributedCache cache = _cache;
        await cache.SetAsync("capped", Utf8("c"), new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1),
        }, Token);
        _clock.Advance(TimeSpan.FromMinutes(59));

        await cache.RefreshAsync("capped", Token);

        (await _client.TtlAsync(_prefix + "capped", Token)).ShouldBeInRange(59, 60);
    }
}
