using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Tests.Resolvers;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Execution;

/// <summary>
/// Fields whose resolvers finish later continue through recycled objects instead of a state machine per field; these tests pin
/// what an <c>async</c> method gave for free: the execution context, errors, and one read per result.
/// </summary>
public sealed class AsyncResolverTests
{
    private const string Sdl = """
        type Query { slow: Child slowFailing: Child slowRequired: Child! }
        type Child { ambient: String count: Int! }
        """;

    private static readonly AsyncLocal<string?> Ambient = new();

    private readonly Upstream _upstream = new();

    private static RequestExecutor Executor() => new(SchemaBuilder.FromSdl(Sdl)
        .AddResolvers<SlowQuery>()
        .AddResolvers<ChildResolvers>()
        .BindRuntimeType<ChildRecord>("Child")
        .Build());

    private async Task<ExecutionResult> RunAsync(string query, int calls)
    {
        var execution = Executor().ExecuteAsync(new GraphQLRequest { Query = query, Services = new TestServices(_upstream) }, TestContext.Current.CancellationToken);
        await _upstream.CompleteAsync(calls, TestContext.Current.CancellationToken);
        return await execution;
    }

    [Fact]
    public async Task Execute_ChildOfAsyncField_SeesTheRequestsExecutionContext()
    {
        Ambient.Value = "set by the caller";

        var result = await RunAsync("{ slow { ambient count } }", calls: 1);

        result.ToJson().ShouldBe("""{"data":{"slow":{"ambient":"set by the caller","count":3}}}""");
    }

    [Fact]
    public async Task Execute_AsyncFieldFails_ErrorAtItsPathAndNullablePositionNull()
    {
        var result = await RunAsync("{ slowFailing { count } slow { count } }", calls: 2);

        var json = result.ToJson();
        json.ShouldContain("\"data\":{\"slowFailing\":null,\"slow\":{\"count\":3}}");
        json.ShouldContain("\"path\":[\"slowFailing\"]");
    }

    [Fact]
    public async Task Execute_ManyAsyncFieldsInOneRequest_EachCompletesItsOwnSlot()
    {
        var aliases = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"a{i}: slow {{ count }}"));

        var result = await RunAsync("{ " + aliases + " }", calls: 200);

        var json = result.ToJson();
        json.ShouldNotContain("errors");
        for (var i = 0; i < 200; i++)
        {
            json.ShouldContain($"\"a{i}\":{{\"count\":3}}");
        }
    }

    [Fact]
    public async Task AwaitTask_ReadTwice_SecondReadFailsInsteadOfReadingAnotherResult()
    {
        var source = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = ResolverRuntime.AwaitTask(source.Task);
        pending.IsCompleted.ShouldBeFalse();

        source.SetResult("value");

        (await pending).ShouldBe("value");
        Should.Throw<InvalidOperationException>(() => pending.GetAwaiter().GetResult());
    }

    [Fact]
    public async Task AwaitTask_InnerTaskFails_SameExceptionSurfaces()
    {
        var source = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = ResolverRuntime.AwaitTask(source.Task);

        source.SetException(new InvalidOperationException("vendor down"));

        (await Should.ThrowAsync<InvalidOperationException>(pending.AsTask())).Message.ShouldBe("vendor down");
    }

    [Fact]
    public void IntSerialize_BoxedInt_ReturnsTheSameBox()
    {
        object boxed = 123_456;
        object small = 7;

        Scalars.Int.Serialize(boxed).ShouldBeSameAs(boxed);
        Scalars.Int.Serialize(7L).ShouldBe(small);
        Scalars.Int.Serialize(7L).ShouldBeSameAs(Scalars.Int.Serialize(7L));
    }

    public sealed record ChildRecord(int Count);

    [QueryType]
    public sealed class SlowQuery
    {
        public static Task<ChildRecord?> GetSlowAsync(Upstream upstream) => upstream.Call<ChildRecord?>(() => new ChildRecord(3));

        public static Task<ChildRecord?> GetSlowFailingAsync(Upstream upstream) => upstream.Call<ChildRecord?>(() => throw new InvalidOperationException("upstream failed"));

        public static ValueTask<ChildRecord> GetSlowRequiredAsync(Upstream upstream) => new(upstream.Call(() => new ChildRecord(1)));
    }

    /// <summary>
    /// Calls that complete only when the test says so, on a pool thread whose execution context differs from the request's (as a
    /// vendor's socket callback would), with continuations running inline on that thread.
    /// </summary>
    public sealed class Upstream
    {
        private readonly List<Action> _pending = [];
        private readonly System.Threading.Channels.Channel<bool> _called = System.Threading.Channels.Channel.CreateUnbounded<bool>();

        public Task<T> Call<T>(Func<T> result)
        {
            var source = new TaskCompletionSource<T>();
            lock (_pending)
            {
                _pending.Add(() =>
                {
                    try
                    {
                        source.SetResult(result());
                    }
                    catch (InvalidOperationException ex)
                    {
                        source.SetException(ex);
                    }
                });
            }

            _called.Writer.TryWrite(true);
            return source.Task;
        }

        /// <summary>Waits for <paramref name="calls"/> calls, then completes them all on another thread.</summary>
        public async Task CompleteAsync(int calls, CancellationToken cancellationToken)
        {
            for (var i = 0; i < calls; i++)
            {
                await _called.Reader.ReadAsync(cancellationToken);
            }

            Action[] due;
            lock (_pending)
            {
                due = [.. _pending];
            }

            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    Ambient.Value = "the completing thread's";
                    foreach (var complete in due)
                    {
                        complete();
                    }
                },
                null);
        }
    }

    [ExtendObjectType("Child")]
    public sealed class ChildResolvers
    {
        public static string? GetAmbient([Parent] ChildRecord child) => child is null ? null : Ambient.Value;
    }
}
