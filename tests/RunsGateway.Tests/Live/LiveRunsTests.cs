using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Live;
using Clock = RunsGateway.Vendors.Tests.TestSupport.ManualTimeProvider;

namespace RunsGateway.Tests.Live;

public sealed class LiveRunsTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(7);
    private static readonly RunRef Ref = RunRef.Create(Vendor.Crewship, "run_live1", null).Value;

    private readonly Clock _clock = new();
    private readonly FakeRunSource _source = new();
    private readonly FakeStore _store = new();
    private readonly LiveRuns _live;

    public LiveRunsTests()
    {
        var options = new LiveRunOptions { MaxBackoff = TimeSpan.FromSeconds(40) };
        options.PollIntervals[Vendor.Crewship] = Interval;
        _live = new LiveRuns(_source, _store, Options.Create(options), _clock, NullLogger<LiveRuns>.Instance);
    }

    public ValueTask DisposeAsync() => _live.DisposeAsync();

    private static Run RunIn(RunState state, string rawStatus = "running") => new()
    {
        Ref = Ref,
        State = state,
        Result = state == RunState.Finished ? RunResult.Passed : RunResult.Pending,
        RawStatus = rawStatus,
        IsCacheable = state == RunState.Finished,
        FirstSpecPage = SpecPage.Empty,
    };

    private static VendorError Failure(VendorErrorKind kind, TimeSpan? retryAfter = null) => new(kind, Vendor.Crewship, "failed") { RetryAfter = retryAfter };

    /// <summary>Waits until the poller sleeps for <paramref name="wait"/>, then moves the clock past it.</summary>
    private async Task NextPollAfterAsync(TimeSpan wait)
    {
        await _clock.WaitForTimerAsync(due => due == wait);
        _clock.Advance(wait);
    }

    private static async Task<RunEvent> NextAsync(IAsyncEnumerator<RunEvent> events)
    {
        (await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBeTrue();
        return events.Current;
    }

    [Fact]
    public async Task WatchAsync_TwoHundredSubscribers_ShareOnePollPerInterval()
    {
        _source.Respond(RunIn(RunState.Running));
        var watchers = Enumerable.Range(0, 200).Select(_ => _live.WatchAsync(Ref, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken)).ToList();

        foreach (var watcher in watchers)
        {
            (await NextAsync(watcher)).Run!.RawStatus.ShouldBe("running");
        }

        var afterFirst = _source.Calls;
        _source.Respond(RunIn(RunState.Running, "still running"));
        await NextPollAfterAsync(Interval);
        foreach (var watcher in watchers)
        {
            (await NextAsync(watcher)).Run!.RawStatus.ShouldBe("still running");
        }

        afterFirst.ShouldBe(1);
        _source.Calls.ShouldBe(2);
        _live.ActivePollers.ShouldBe(1);
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }

        _live.ActivePollers.ShouldBe(0);
    }

    [Fact]
    public async Task WatchAsync_RunUnchanged_NoEventUntilItChanges()
    {
        _source.Respond(RunIn(RunState.Running));
        await using var events = _live.WatchAsync(Ref, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await NextAsync(events);

        await NextPollAfterAsync(Interval);
        await NextPollAfterAsync(Interval);
        _source.Respond(RunIn(RunState.Running, "changed"));
        await NextPollAfterAsync(Interval);

        (await NextAsync(events)).Run!.RawStatus.ShouldBe("changed");
        _source.Calls.ShouldBe(4);
    }

    [Fact]
    public async Task WatchAsync_RunFinishes_EmitsFinalStateCachesItAndCompletes()
    {
        _source.Respond(RunIn(RunState.Running));
        await using var events = _live.WatchAsync(Ref, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await NextAsync(events);

        _source.Respond(RunIn(RunState.Finished, "succeeded"));
        await NextPollAfterAsync(Interval);

        (await NextAsync(events)).Run!.State.ShouldBe(RunState.Finished);
        (await events.MoveNextAsync()).ShouldBeFalse();
        _store.Stored.ShouldHaveSingleItem().RawStatus.ShouldBe("succeeded");
        _live.ActivePollers.ShouldBe(0);
    }

    [Fact]
    public async Task WatchAsync_FinishedRunInCache_EmitsItWithoutAskingTheVendor()
    {
        _store.Stored.Add(RunIn(RunState.Finished, "succeeded"));

        var events = await _live.WatchAsync(Ref, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        events.ShouldHaveSingleItem().Run!.RawStatus.ShouldBe("succeeded");
        _source.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task WatchAsync_RunDoesNotExist_EmitsNullAndCompletes()
    {
        _source.Respond(Failure(VendorErrorKind.NotFound));

        var events = await _live.WatchAsync(Ref, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var only = events.ShouldHaveSingleItem();
        only.Run.ShouldBeNull();
        only.Error.ShouldBeNull();
    }

    [Fact]
    public async Task WatchAsync_VendorFails_ErrorEventThenDoublingBackoffThenRecovery()
    {
        _source.Respond(Failure(VendorErrorKind.Unavailable));
        await using var events = _live.WatchAsync(Ref, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        (await NextAsync(events)).Error!.Kind.ShouldBe(VendorErrorKind.Unavailable);
        await NextPollAfterAsync(Interval * 2);
        (await NextAsync(events)).Error.ShouldNotBeNull();
        await NextPollAfterAsync(Interval * 4);
        (await NextAsync(events)).Error.ShouldNotBeNull();
        _source.Respond(RunIn(RunState.Running));
        await NextPollAfterAsync(TimeSpan.FromSeconds(40));

        (await NextAsync(events)).Run!.RawStatus.ShouldBe("running");
        await _clock.WaitForTimerAsync(due => due == Interval);
    }

    [Fact]
    public async Task WatchAsync_RateLimitedWithRetryAfter_WaitsWhatTheVendorAsks()
    {
        _source.Respond(Failure(VendorErrorKind.RateLimited, TimeSpan.FromSeconds(30)));
        await using var events = _live.WatchAsync(Ref, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        (await NextAsync(events)).Error!.Kind.ShouldBe(VendorErrorKind.RateLimited);
        await _clock.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(29));

        _source.Calls.ShouldBe(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await NextAsync(events)).Error.ShouldNotBeNull();
        _source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task WatchAsync_SlowConsumer_GetsOnlyTheLatestState()
    {
        _source.Respond(RunIn(RunState.Running, "s0"));
        await using var events = _live.WatchAsync(Ref, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await NextAsync(events);

        for (var i = 1; i <= 5; i++)
        {
            _source.Respond(RunIn(RunState.Running, "s" + i));
            await NextPollAfterAsync(Interval);
            await _source.WaitForCallsAsync(i + 1);
        }

        await _clock.WaitForTimerAsync(due => due == Interval);
        (await NextAsync(events)).Run!.RawStatus.ShouldBe("s5");
        _source.Calls.ShouldBe(6);
    }

    [Fact]
    public async Task WatchAsync_LastSubscriberLeaves_PollingStops()
    {
        _source.Respond(RunIn(RunState.Running));
        var events = _live.WatchAsync(Ref, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await NextAsync(events);
        await _clock.WaitForTimerAsync(due => due == Interval);

        await events.DisposeAsync();
        _clock.Advance(Interval * 3);

        _live.ActivePollers.ShouldBe(0);
        _source.Calls.ShouldBe(1);
        _clock.PendingTimers().ShouldBeEmpty();
    }

    private sealed class FakeStore : ILiveRunStore
    {
        public List<Run> Stored { get; } = [];

        public Task<Run?> GetAsync(RunRef run, CancellationToken cancellationToken) => Task.FromResult(Stored.LastOrDefault(r => r.Ref == run));

        public Task StoreAsync(Run run, CancellationToken cancellationToken)
        {
            Stored.Add(run);
            return Task.CompletedTask;
        }
    }
}
