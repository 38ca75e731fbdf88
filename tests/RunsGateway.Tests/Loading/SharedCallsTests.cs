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
        async Task<IReadOnlyList<string>> Load(IReadOnlyList<int> indices)
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return [.. indices.Select(i => $"value{i}")];
        }

        var first = calls.GetOrStart(["a"], Load);
        var second = calls.GetOrStart(["a"], Load);
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
        Func<IReadOnlyList<int>, Task<IReadOnlyList<string>>> Loader(IReadOnlyList<string> keys) => async indices =>
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
        var first = calls.GetOrStart(firstKeys, Loader(firstKeys));
        var second = calls.GetOrStart(secondKeys, Loader(secondKeys));
        gate.SetResult();

        (await Task.WhenAll(second)).ShouldBe(["B", "C", "C"]);
        (await Task.WhenAll(first)).ShouldBe(["A", "B"]);
        requested.Order().ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public async Task GetOrStart_LoadFails_EveryWaiterSeesTheFailureAndTheKeyIsForgotten()
    {
        var calls = new SharedCalls<string>();
        var failing = calls.GetOrStart(["a"], _ => Task.FromException<IReadOnlyList<string>>(new InvalidOperationException("boom")));

        await Should.ThrowAsync<InvalidOperationException>(() => failing[0]);
        var retried = calls.GetOrStart(["a"], _ => Task.FromResult<IReadOnlyList<string>>(["ok"]));
        (await retried[0]).ShouldBe("ok");
    }
}
