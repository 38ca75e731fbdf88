using RunsGateway.Loading;

namespace RunsGateway.Tests.Loading;

public sealed class SharedCallsTests
{
    [Fact]
    public async Task GetOrStart_ConcurrentCallersForSameKey_ShareOneLoad()
    {
        var calls = new SharedCalls<string>();
        var gate = new TaskCompletionSource();
        var loads = 0;
        async Task<IReadOnlyList<string>> Load(IReadOnlyList<int> indices, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return [.. indices.Select(i => $"value{i}")];
        }

        var first = calls.GetOrStart(["a"], Load, TestContext.Current.CancellationToken);
        var second = calls.GetOrStart(["a"], Load, TestContext.Current.CancellationToken);
        gate.SetResult();

        (await first[0]).ShouldBe("value0");
        (await second[0]).ShouldBe("value0");
        loads.ShouldBe(1);
        calls.InFlightCount.ShouldBe(0);
    }

    [Fact]
    public async Task GetOrStart_MixOfRunningAndNewKeys_LoadsOnlyTheNewOnes()
    {
        var calls = new SharedCalls<string>();
        var gate = new TaskCompletionSource();
        var requested = new List<string>();
        Func<IReadOnlyList<int>, CancellationToken, Task<IReadOnlyList<string>>> Loader(IReadOnlyList<string> keys) => async (indices, _) =>
        {
            lock (requested)
            {
                requested.AddRange(indices.Select(i => keys[i]));
            }

            await gate.Task;
            return [.. indices.Select(i => keys[i].ToUpperInvariant())];
        };

        string[] firstKeys = ["a", "b"];
        string[] secondKeys = ["b", "c", "c"];
        var first = calls.GetOrStart(firstKeys, Loader(firstKeys), TestContext.Current.CancellationToken);
        var second = calls.GetOrStart(secondKeys, Loader(secondKeys), TestContext.Current.CancellationToken);
        gate.SetResult();

        (await Task.WhenAll(second)).ShouldBe(["B", "C", "C"]);
        (await Task.WhenAll(first)).ShouldBe(["A", "B"]);
        requested.Order().ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public async Task GetOrStart_LoadFails_EveryWaiterSeesTheFailureAndTheKeyIsForgotten()
    {
        var calls = new SharedCalls<string>();
        var failing = calls.GetOrStart(["a"], (_, _) => Task.FromException<IReadOnlyList<string>>(new InvalidOperationException("boom")), TestContext.Current.CancellationToken);

        await Should.ThrowAsync<InvalidOperationException>(() => failing[0]);
        var retried = calls.GetOrStart(["a"], (_, _) => Task.FromResult<IReadOnlyList<string>>(["ok"]), TestContext.Current.CancellationToken);
        (await retried[0]).ShouldBe("ok");
    }

    [Fact]
    public async Task GetOrStart_OnlyCallerCancels_CancelsTheSharedCallAndForgetsIt()
    {
        var calls = new SharedCalls<string>();
        var callToken = new TaskCompletionSource<CancellationToken>();
        using var caller = new CancellationTokenSource();
        var tasks = calls.GetOrStart(
            ["a"],
            async (indices, ct) =>
            {
                callToken.SetResult(ct);
                await Task.Delay(Timeout.Infinite, ct);
                return ["never"];
            },
            caller.Token);
        var token = await callToken.Task;

        await caller.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => tasks[0]);
        token.IsCancellationRequested.ShouldBeTrue("nobody waits for the call any more");
        calls.InFlightCount.ShouldBe(0);
    }

    [Fact]
    public async Task GetOrStart_OneOfTwoCallersCancels_CallKeepsRunningForTheOther()
    {
        var calls = new SharedCalls<string>();
        var gate = new TaskCompletionSource();
        var callToken = new TaskCompletionSource<CancellationToken>();
        async Task<IReadOnlyList<string>> Load(IReadOnlyList<int> indices, CancellationToken ct)
        {
            callToken.TrySetResult(ct);
            await gate.Task.WaitAsync(ct);
            return ["value"];
        }

        using var leaving = new CancellationTokenSource();
        using var staying = new CancellationTokenSource();
        var left = calls.GetOrStart(["a"], Load, leaving.Token);
        var stayed = calls.GetOrStart(["a"], Load, staying.Token);
        var token = await callToken.Task;

        await leaving.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => left[0]);
        token.IsCancellationRequested.ShouldBeFalse("another caller still waits");
        gate.SetResult();

        (await stayed[0]).ShouldBe("value");
    }

    [Fact]
    public async Task GetOrStart_AfterAnAbandonedCall_NextCallerStartsAFreshCall()
    {
        var calls = new SharedCalls<string>();
        var started = 0;
        using var first = new CancellationTokenSource();
        var abandoned = calls.GetOrStart(
            ["a"],
            async (_, ct) =>
            {
                Interlocked.Increment(ref started);
                await Task.Delay(Timeout.Infinite, ct);
                return ["never"];
            },
            first.Token);
        await first.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => abandoned[0]);

        var fresh = calls.GetOrStart(["a"], (_, _) =>
        {
            Interlocked.Increment(ref started);
            return Task.FromResult<IReadOnlyList<string>>(["fresh"]);
        }, TestContext.Current.CancellationToken);

        (await fresh[0]).ShouldBe("fresh");
        started.ShouldBe(2);
    }
}
