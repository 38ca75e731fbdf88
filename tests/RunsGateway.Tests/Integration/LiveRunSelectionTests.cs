using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.Core;
using RunsGateway.GraphQL.Execution;
using RunsGateway.Tests.Live;
using Clock = RunsGateway.Vendors.Tests.TestSupport.ManualTimeProvider;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// <c>Subscription.runChanged</c> sends a subscriber an event only when what it selected changed: the gateway's pollers on a
/// manual clock, over a run source whose answers the test sets.
/// </summary>
public sealed class LiveRunSelectionTests : IAsyncLifetime
{
    private const string RunId = "run_select1";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(7);

    private readonly Clock _clock = new();
    private readonly FakeRunSource _source = new();
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(
        new Dictionary<string, string?> { ["Vendors:Crewship:PollInterval"] = "00:00:07" },
        configure: builder => builder.Services.AddSingleton<TimeProvider>(_clock).AddSingleton<IRunSource>(_source));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static Run RunIn(RunState state, string rawStatus) => new()
    {
        Ref = RunRef.Create(Vendor.Crewship, RunId, null).Value,
        State = state,
        Result = state == RunState.Finished ? RunResult.Passed : RunResult.Pending,
        RawStatus = rawStatus,
        IsCacheable = state == RunState.Finished,
        FirstSpecPage = SpecPage.Empty,
    };

    private async Task<IAsyncEnumerator<ExecutionResult>> SubscribeAsync(string selection)
    {
        var result = await _host.Services.GetRequiredService<RequestExecutor>().SubscribeAsync(
            new GraphQLRequest { Query = $$"""subscription { runChanged(vendor: CREWSHIP, runId: "{{RunId}}") { {{selection}} } }""" },
            TestContext.Current.CancellationToken);
        result.Error.ShouldBeNull();
        return result.Events!.GetAsyncEnumerator(TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> NextRunAsync(IAsyncEnumerator<ExecutionResult> events)
    {
        (await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).ShouldBeTrue();
        return JsonDocument.Parse(events.Current.ToJson()).RootElement.GetProperty("data").GetProperty("runChanged").Clone();
    }

    private async Task PollOnceMoreAsync()
    {
        await _clock.WaitForTimerAsync(due => due == Interval, TimeSpan.FromSeconds(20));
        _clock.Advance(Interval);
    }

    [Fact]
    public async Task RunChanged_UnselectedFieldChanges_NoEventUntilASelectedFieldChanges()
    {
        _source.Respond(RunIn(RunState.Running, "running"));
        await using var stateOnly = await SubscribeAsync("runId state");
        await using var withRawStatus = await SubscribeAsync("runId state rawStatus");
        (await NextRunAsync(stateOnly)).GetProperty("state").GetString().ShouldBe("RUNNING");
        (await NextRunAsync(withRawStatus)).GetProperty("rawStatus").GetString().ShouldBe("running");

        _source.Respond(RunIn(RunState.Running, "running: step 2 of 3"));
        await PollOnceMoreAsync();
        var rawStatusChanged = await NextRunAsync(withRawStatus);
        var stateOnlyNext = stateOnly.MoveNextAsync().AsTask();
        var stateOnlyHeardNothing = !stateOnlyNext.IsCompleted;
        _source.Respond(RunIn(RunState.Finished, "passed"));
        await PollOnceMoreAsync();

        rawStatusChanged.GetProperty("rawStatus").GetString().ShouldBe("running: step 2 of 3");
        rawStatusChanged.GetProperty("state").GetString().ShouldBe("RUNNING");
        stateOnlyHeardNothing.ShouldBeTrue("a change of rawStatus is no event for a subscriber that did not select it");
        (await stateOnlyNext.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).ShouldBeTrue();
        JsonDocument.Parse(stateOnly.Current.ToJson()).RootElement.GetProperty("data").GetProperty("runChanged").GetProperty("state").GetString()
            .ShouldBe("FINISHED", "the next event this subscriber hears of is the change of state it selected");
        (await NextRunAsync(withRawStatus)).GetProperty("rawStatus").GetString().ShouldBe("passed");
        (await stateOnly.MoveNextAsync()).ShouldBeFalse();
        _source.Calls.ShouldBe(3, "one poll per interval for both subscribers");
    }
}
