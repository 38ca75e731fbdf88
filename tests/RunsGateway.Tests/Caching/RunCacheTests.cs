using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.Caching;
using RunsGateway.Core;
using RunsGateway.Telemetry;

namespace RunsGateway.Tests.Caching;

/// <summary>The run cache without Redis: the in-process tier alone.</summary>
public sealed class RunCacheTests : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly RunCache _cache;

    public RunCacheTests()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        services.AddRunCache(configuration);
        _services = services.BuildServiceProvider();
        _cache = _services.GetRequiredService<RunCache>();
    }

    [Fact]
    public async Task GetManyAsync_StoredRun_ReturnsTheSameObjectWithoutACopy()
    {
        var run = FinishedRun("1");
        var keys = _cache.KeysOf(run.Ref);
        await _cache.SetAsync(run.Ref, keys.Run, run, TestContext.Current.CancellationToken);

        var found = new Run?[1];
        var hits = await _cache.GetManyAsync(RunCache.RunKind, [(run.Ref, keys.Run)], found, TestContext.Current.CancellationToken);

        hits.ShouldBe(1);
        found[0].ShouldBeSameAs(run, "an in-process hit hands out the stored immutable object");
    }

    [Fact]
    public async Task PurgeAsync_Run_RemovesTheRunAndEverythingCachedUnderIt()
    {
        var run = FinishedRun("2");
        var other = FinishedRun("3");
        var summary = new Summary { Total = 3, Passed = 3, Failed = 0, IsFinal = true };
        var page = RunCache.PageKeyOf(run.Ref, 2, TestStatus.Failed);
        var ct = TestContext.Current.CancellationToken;
        await _cache.SetAsync(run.Ref, _cache.KeysOf(run.Ref).Run, run, ct);
        await _cache.SetAsync(run.Ref, _cache.KeysOf(run.Ref).Summary, summary, ct);
        await _cache.SetAsync(run.Ref, page, SpecPage.Empty, ct);
        await _cache.SetAsync(other.Ref, _cache.KeysOf(other.Ref).Run, other, ct);

        var notified = await _cache.PurgeAsync(run.Ref, ct);

        notified.ShouldBe(0, "without Redis there is no other instance to tell");
        (await GetAsync<Run>(RunCache.RunKind, run.Ref, _cache.KeysOf(run.Ref).Run)).ShouldBeNull();
        (await GetAsync<Summary>(RunCache.SummaryKind, run.Ref, _cache.KeysOf(run.Ref).Summary)).ShouldBeNull();
        (await GetAsync<SpecPage>(RunCache.SpecPageKind, run.Ref, page)).ShouldBeNull();
        (await GetAsync<Run>(RunCache.RunKind, other.Ref, _cache.KeysOf(other.Ref).Run)).ShouldBeSameAs(other, "another run stays cached");
    }

    [Fact]
    public async Task GetManyAsync_NothingStored_ReturnsMisses()
    {
        var run = FinishedRun("4");

        var found = new Run?[1];
        var hits = await _cache.GetManyAsync(RunCache.RunKind, [(run.Ref, _cache.KeysOf(run.Ref).Run)], found, TestContext.Current.CancellationToken);

        hits.ShouldBe(0);
        found[0].ShouldBeNull();
    }

    [Fact]
    public async Task TryGetLocal_StoredRun_AnswersTheStoredObjectAtOnce()
    {
        var run = FinishedRun("5");
        var key = _cache.KeysOf(run.Ref).Run;
        await _cache.SetAsync(run.Ref, key, run, TestContext.Current.CancellationToken);

        var found = _cache.TryGetLocal<Run>(RunCache.RunKind, key, out var local);

        found.ShouldBeTrue();
        local.ShouldBeSameAs(run);
    }

    [Fact]
    public async Task TryGetLocal_NothingStored_MissesAndStoresNothing()
    {
        var run = FinishedRun("6");
        var key = _cache.KeysOf(run.Ref).Run;

        _cache.TryGetLocal<Run>(RunCache.RunKind, key, out var local).ShouldBeFalse();

        local.ShouldBeNull();
        (await GetAsync<Run>(RunCache.RunKind, run.Ref, key)).ShouldBeNull("a probe leaves no entry behind");
    }

    [Fact]
    public async Task TryGetLocal_PurgedRun_Misses()
    {
        var run = FinishedRun("7");
        var key = _cache.KeysOf(run.Ref).Run;
        await _cache.SetAsync(run.Ref, key, run, TestContext.Current.CancellationToken);
        _cache.TryGetLocal<Run>(RunCache.RunKind, key, out _).ShouldBeTrue();

        await _cache.PurgeAsync(run.Ref, TestContext.Current.CancellationToken);

        _cache.TryGetLocal<Run>(RunCache.RunKind, key, out _).ShouldBeFalse();
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private async Task<T?> GetAsync<T>(string kind, RunRef run, string key)
        where T : class
    {
        var found = new T?[1];
        await _cache.GetManyAsync(kind, [(run, key)], found, TestContext.Current.CancellationToken);
        return found[0];
    }

    private static Run FinishedRun(string id) => new()
    {
        Ref = RunRef.Create(Vendor.CcExtractor, id, null).TryGetValue(out var reference) ? reference : throw new InvalidOperationException(),
        State = RunState.Finished,
        Result = RunResult.Passed,
        RawStatus = "pass",
        IsCacheable = true,
        FirstSpecPage = SpecPage.Empty,
    };
}
