using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.GraphQL.AspNetCore.Tests.Subscriptions;
using RunsGateway.GraphQL.Execution;
using RunsGateway.Live;
using Clock = RunsGateway.Vendors.Tests.TestSupport.ManualTimeProvider;

namespace RunsGateway.Tests.Integration;

/// <summary><c>Subscription.runChanged</c> against the vendor simulator, with the gateway's pollers on a manual clock.</summary>
public sealed class LiveRunIntegrationTests : IAsyncLifetime
{
    private const string Subscription = "subscription($id: String!) { runChanged(vendor: CREWSHIP, runId: $id) { runId state rawStatus } }";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(7);

    private readonly Clock _clock = new();
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(
        new Dictionary<string, string?> { ["Vendors:Crewship:PollInterval"] = "00:00:07" },
        configure: builder => builder.Services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private RequestExecutor Executor => _host.Services.GetRequiredService<RequestExecutor>();

    private async Task<IAsyncEnumerator<ExecutionResult>> SubscribeAsync(string runId)
    {
        var result = await Executor.SubscribeAsync(
            new GraphQLRequest { Query = Subscription, Variables = new Dictionary<string, object?> { ["id"] = runId } },
            TestContext.Current.CancellationToken);
        result.Error.ShouldBeNull();
        return result.Events!.GetAsyncEnumerator(TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> NextAsync(IAsyncEnumerator<ExecutionResult> events)
    {
        (await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).ShouldBeTrue();
        return JsonDocument.Parse(events.Current.ToJson()).RootElement.Clone();
    }

    private async Task<long> RunCallsAsync() =>
        (await _host.StatsAsync("crewship")).Where(p => p.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(p => p.Value);

    private async Task WaitForRunCallsAsync(long count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await RunCallsAsync() < count)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private async Task PollOnceMoreAsync(TimeSpan wait)
    {
        await _clock.WaitForTimerAsync(due => due == wait, TimeSpan.FromSeconds(20));
        _clock.Advance(wait);
    }

    [Fact]
    public async Task RunChanged_TwoHundredSubscribers_OneUpstreamRunCallPerPollInterval()
    {
        var run = (await _host.RunsAsync("crewship", "running"))[0];
        await _host.ResetStatsAsync();
        var subscribers = new List<IAsyncEnumerator<ExecutionResult>>();
        for (var i = 0; i < 200; i++)
        {
            subscribers.Add(await SubscribeAsync(run.RunId));
        }

        foreach (var subscriber in subscribers)
        {
            (await NextAsync(subscriber)).GetProperty("data").GetProperty("runChanged").GetProperty("runId").GetString().ShouldBe(run.RunId);
        }

        var atStart = await RunCallsAsync();
        for (var interval = 1; interval <= 3; interval++)
        {
            await PollOnceMoreAsync(Interval);
            await WaitForRunCallsAsync(1 + interval);
        }

        await _clock.WaitForTimerAsync(due => due == Interval, TimeSpan.FromSeconds(20));
        var afterThreeIntervals = await RunCallsAsync();
        foreach (var subscriber in subscribers)
        {
            await subscriber.DisposeAsync();
        }

        atStart.ShouldBe(1, "200 subscribers start one poll");
        afterThreeIntervals.ShouldBe(4, "then one upstream call per interval, whatever the number of subscribers");
        _host.Services.GetRequiredService<LiveRuns>().ActivePollers.ShouldBe(0);
    }

    [Fact]
    public async Task RunChanged_VendorRejectsPoll_EventCarriesTypedErrorAndSubscriptionRecovers()
    {
        var run = (await _host.RunsAsync("crewship", "running"))[1];
        await using var events = await SubscribeAsync(run.RunId);
        (await NextAsync(events)).GetProperty("data").GetProperty("runChanged").GetProperty("state").GetString().ShouldBe("RUNNING");

        await _host.SetFaultAsync(new { vendor = "crewship", status = 401 });
        await PollOnceMoreAsync(Interval);
        var failed = await NextAsync(events);
        await _host.ClearFaultsAsync();
        await PollOnceMoreAsync(Interval * 2);
        var recovered = await NextAsync(events);

        failed.GetProperty("data").GetProperty("runChanged").ValueKind.ShouldBe(JsonValueKind.Null);
        var error = failed.GetProperty("errors")[0];
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("VENDOR_UNAUTHORIZED");
        error.GetProperty("extensions").GetProperty("vendor").GetString().ShouldBe("CREWSHIP");
        error.GetProperty("path")[0].GetString().ShouldBe("runChanged");
        recovered.GetProperty("data").GetProperty("runChanged").GetProperty("runId").GetString().ShouldBe(run.RunId);
        recovered.TryGetProperty("errors", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task RunChanged_RunDoesNotExist_NullThenComplete()
    {
        await using var events = await SubscribeAsync("run_doesnotexist404");

        var only = await NextAsync(events);

        only.GetProperty("data").GetProperty("runChanged").ValueKind.ShouldBe(JsonValueKind.Null);
        (await events.MoveNextAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task RunChanged_MalformedReference_RequestErrorWithInvalidRunRef()
    {
        var result = await Executor.SubscribeAsync(
            new GraphQLRequest { Query = "subscription { runChanged(vendor: CCEXTRACTOR, runId: \"abc\") { runId } }" },
            TestContext.Current.CancellationToken);

        result.Error!.Errors.ShouldHaveSingleItem().Code.ShouldBe("INVALID_RUN_REF");
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("sse")]
    public async Task RunChanged_ReferenceClient_ReceivesTheRunNow(string transport)
    {
        var run = (await _host.RunsAsync("crewship", "running"))[2];
        var url = transport == "ws" ? new Uri(_host.GraphQLEndpoint.ToString().Replace("http://", "ws://", StringComparison.Ordinal)) : _host.GraphQLEndpoint;

        var lines = await ReferenceClient.RunAsync(transport, url, new { query = Subscription, variables = new { id = run.RunId } }, take: 1);

        var next = lines.Of("next").ShouldHaveSingleItem().GetProperty("next");
        next.GetProperty("data").GetProperty("runChanged").GetProperty("runId").GetString().ShouldBe(run.RunId);
        lines.Of("disposed").ShouldHaveSingleItem();
    }
}
