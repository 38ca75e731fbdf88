using RunsGateway.Caching;
using RunsGateway.Redis;

namespace RunsGateway.Tests.Caching;

public sealed class InMemoryBatchCacheTests
{
    private static CacheEntry Entry(string key, int size, TimeSpan? ttl = null) => new(key, new byte[size], ttl ?? TimeSpan.FromHours(1));

    [Fact]
    public async Task GetManyAsync_MixedHitsAndMisses_ReturnsValuesInKeyOrder()
    {
        var cache = new InMemoryBatchCache(new ManualTimeProvider(), 1024);
        await cache.SetManyAsync([new CacheEntry("a", "1"u8.ToArray(), TimeSpan.FromMinutes(1)), new CacheEntry("c", "3"u8.ToArray(), TimeSpan.FromMinutes(1))], TestContext.Current.CancellationToken);

        var values = await cache.GetManyAsync(["a", "b", "c"], TestContext.Current.CancellationToken);

        values.Select(v => v is null ? null : System.Text.Encoding.UTF8.GetString(v)).ShouldBe(["1", null, "3"]);
    }

    [Fact]
    public async Task GetManyAsync_AfterTimeToLive_IsAMiss()
    {
        var time = new ManualTimeProvider();
        var cache = new InMemoryBatchCache(time, 1024);
        await cache.SetManyAsync([Entry("a", 1, TimeSpan.FromMinutes(5))], TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromMinutes(5));

        (await cache.GetManyAsync(["a"], TestContext.Current.CancellationToken))[0].ShouldBeNull();
        cache.SizeBytes.ShouldBe(0);
    }

    [Fact]
    public async Task SetManyAsync_OverSizeLimit_EvictsLeastRecentlyUsed()
    {
        var cache = new InMemoryBatchCache(new ManualTimeProvider(), 300);
        await cache.SetManyAsync([Entry("a", 100), Entry("b", 100), Entry("c", 100)], TestContext.Current.CancellationToken);
        _ = await cache.GetManyAsync(["a"], TestContext.Current.CancellationToken); // a becomes most recently used

        await cache.SetManyAsync([Entry("d", 100)], TestContext.Current.CancellationToken);

        var values = await cache.GetManyAsync(["a", "b", "c", "d"], TestContext.Current.CancellationToken);
        values.Select(v => v is not null).ShouldBe([true, false, true, true]);
        cache.SizeBytes.ShouldBe(300);
    }

    [Fact]
    public async Task RemoveAsync_ExistingAndMissing_ReportsWhetherItRemoved()
    {
        var cache = new InMemoryBatchCache(new ManualTimeProvider(), 1024);
        await cache.SetManyAsync([Entry("a", 10)], TestContext.Current.CancellationToken);

        (await cache.RemoveAsync("a", TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await cache.RemoveAsync("a", TestContext.Current.CancellationToken)).ShouldBeFalse();
    }
}
