using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Tests.Resolvers;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Execution;

/// <summary>Heavy requests (many fields) take turns in a lane of their own, so ordinary requests keep the cores they need.</summary>
public sealed class HeavyRequestLaneTests
{
    private const string Sdl = "type Query { gate: String light: String }";

    // Four fields: heavy when HeavyFieldCount is 3.
    private const string Heavy = "{ gate l1: light l2: light l3: light }";

    private readonly Gate _gate = new();

    private static RequestExecutor CreateExecutor(ExecutionOptions options, TimeProvider? clock = null) => new(
        SchemaBuilder.FromSdl(Sdl).AddResolvers<GateQuery>().Build(),
        options,
        clock);

    private Task<ExecutionResult> RunAsync(RequestExecutor executor, string query) =>
        executor.ExecuteAsync(new GraphQLRequest { Query = query, Services = new TestServices(_gate) }, TestContext.Current.CancellationToken);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            TimeProvider.System.GetTimestamp().ShouldBeLessThan(deadline, "the condition never held");
            await Task.Yield();
        }
    }

    [Fact]
    public async Task ExecuteAsync_SecondHeavyRequestWhileLaneFull_WaitsAndLightRequestsStillRun()
    {
        var executor = CreateExecutor(new ExecutionOptions { HeavyFieldCount = 3, MaxConcurrentHeavyRequests = 1 });
        var first = RunAsync(executor, Heavy);
        await WaitUntilAsync(() => _gate.Entered >= 1);

        var second = RunAsync(executor, Heavy);
        await WaitUntilAsync(() => executor.HeavyRequests.Queued == 1);
        var light = await RunAsync(executor, "{ light l2: light }");

        light.ToJson().ShouldBe("""{"data":{"light":"light","l2":"light"}}""");
        _gate.Entered.ShouldBe(1);
        second.IsCompleted.ShouldBeFalse();
        _gate.Open();
        (await first).ToJson().ShouldBe("""{"data":{"gate":"opened","l1":"light","l2":"light","l3":"light"}}""");
        (await second).ToJson().ShouldBe("""{"data":{"gate":"opened","l1":"light","l2":"light","l3":"light"}}""");
        executor.HeavyRequests.ShouldBe((0, 0));
    }

    [Fact]
    public async Task ExecuteAsync_HeavyQueueFull_ServerBusyWithoutExecuting()
    {
        var executor = CreateExecutor(new ExecutionOptions { HeavyFieldCount = 3, MaxConcurrentHeavyRequests = 1, MaxQueuedHeavyRequests = 0 });
        var first = RunAsync(executor, Heavy);
        await WaitUntilAsync(() => _gate.Entered >= 1);

        var refused = await RunAsync(executor, Heavy);

        refused.Data.ShouldBeNull();
        refused.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ServerBusy);
        _gate.Entered.ShouldBe(1);
        _gate.Open();
        (await first).Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_HeavyRequestWaitsPastTheExecutionTimeout_ServerBusyAndLaneReleased()
    {
        var clock = new ManualTimeProvider();
        var executor = CreateExecutor(new ExecutionOptions { HeavyFieldCount = 3, MaxConcurrentHeavyRequests = 1, ExecutionTimeout = TimeSpan.FromSeconds(5) }, clock);
        var first = RunAsync(executor, Heavy);
        await WaitUntilAsync(() => _gate.Entered >= 1);
        var waiting = RunAsync(executor, Heavy);
        await WaitUntilAsync(() => executor.HeavyRequests.Queued == 1);

        clock.Advance(TimeSpan.FromSeconds(4));
        waiting.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(2));

        (await waiting).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ServerBusy);
        _gate.Open();
        await first;
        executor.HeavyRequests.ShouldBe((0, 0));
        (await RunAsync(executor, Heavy)).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_NoHeavySlot_NamesTheOption()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ExecutionOptions { MaxConcurrentHeavyRequests = 0 }.Validate())
            .ParamName.ShouldBe(nameof(ExecutionOptions.MaxConcurrentHeavyRequests));
    }

    /// <summary>Holds <c>gate</c> resolvers until the test opens it.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _entered;

        public int Entered => Volatile.Read(ref _entered);

        public async Task<string> PassAsync()
        {
            Interlocked.Increment(ref _entered);
            await _open.Task;
            return "opened";
        }

        public void Open() => _open.TrySetResult();
    }

    [QueryType]
    public sealed class GateQuery
    {
        public static Task<string> GetGateAsync(Gate gate) => gate.PassAsync();

        public static string GetLight() => "light";
    }
}
