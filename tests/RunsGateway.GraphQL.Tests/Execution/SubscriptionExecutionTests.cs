using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;
using static RunsGateway.GraphQL.Tests.Execution.TestSchemas;

namespace RunsGateway.GraphQL.Tests.Execution;

public sealed class SubscriptionExecutionTests
{
    private const string Sdl = """
        type Query { ping: String }
        type Subscription { counter(upTo: Int!): Tick failing: Tick unbound: Tick }
        type Tick { value: Int! doubled: Int! label: String }
        """;

    private static Dictionary<string, object?> Tick(int value) => Obj(("value", value), ("doubled", value * 2));

    private static async IAsyncEnumerable<object?> Count(int upTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= upTo; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return Tick(i);
        }
    }

    private static async IAsyncEnumerable<object?> FailAfterOne([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return Tick(1);
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("upstream broke with a secret detail");
    }

    private static RequestExecutor CreateExecutor(Action<SchemaBuilder>? configure = null) => new(Build(Sdl, builder =>
    {
        builder.AddSubscription("Subscription", "counter", ctx => new ValueTask<IAsyncEnumerable<object?>>(Count(ctx.ArgumentValue<int>("upTo"))));
        builder.AddSubscription("Subscription", "failing", _ => new ValueTask<IAsyncEnumerable<object?>>(FailAfterOne()));
        configure?.Invoke(builder);
    }));

    private static async Task<List<string>> CollectAsync(SubscriptionResult result)
    {
        var events = new List<string>();
        await foreach (var item in result.Events!.WithCancellation(TestContext.Current.CancellationToken))
        {
            events.Add(item.ToJson());
        }

        return events;
    }

    [Fact]
    public async Task SubscribeAsync_SourceYieldsThreeEvents_ExecutesSelectionOncePerEvent()
    {
        var executor = CreateExecutor();

        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { counter(upTo: 3) { value doubled } }" }, TestContext.Current.CancellationToken);
        var events = await CollectAsync(result);

        result.IsRequestError.ShouldBeFalse();
        events.ShouldBe([
            """{"data":{"counter":{"value":1,"doubled":2}}}""",
            """{"data":{"counter":{"value":2,"doubled":4}}}""",
            """{"data":{"counter":{"value":3,"doubled":6}}}""",
        ]);
    }

    [Fact]
    public async Task SubscribeAsync_ArgumentFromVariable_ReachesTheSubscribeResolver()
    {
        var executor = CreateExecutor();

        var result = await executor.SubscribeAsync(
            new GraphQLRequest { Query = "subscription S($n: Int!) { c: counter(upTo: $n) { value } }", Variables = new Dictionary<string, object?> { ["n"] = 2 } },
            TestContext.Current.CancellationToken);

        (await CollectAsync(result)).ShouldBe(["""{"data":{"c":{"value":1}}}""", """{"data":{"c":{"value":2}}}"""]);
    }

    [Fact]
    public async Task SubscribeAsync_NullInNonNullFieldOfEvent_GivesFieldErrorAndKeepsStreaming()
    {
        var executor = CreateExecutor(builder => builder.AddSubscription(
            "Subscription",
            "unbound",
            _ => new ValueTask<IAsyncEnumerable<object?>>(new object?[] { Obj(("value", null)), Tick(5) }.ToAsyncEnumerable())));

        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value } }" }, TestContext.Current.CancellationToken);
        var events = await CollectAsync(result);

        events.Count.ShouldBe(2);
        events[0].ShouldContain("Cannot return null for non-nullable field Tick.value.");
        events[0].ShouldContain("\"data\":{\"unbound\":null}");
        events[1].ShouldBe("""{"data":{"unbound":{"value":5}}}""");
    }

    [Fact]
    public async Task SubscribeAsync_FieldWithoutSubscribeResolver_ReturnsRequestError()
    {
        var executor = CreateExecutor();

        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value } }" }, TestContext.Current.CancellationToken);

        result.IsRequestError.ShouldBeTrue();
        result.Error!.HasData.ShouldBeFalse();
        result.Error.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InternalServerError);
    }

    [Fact]
    public async Task SubscribeAsync_SubscribeResolverThrows_ReturnsRequestErrorAtRootField()
    {
        var executor = CreateExecutor(builder => builder.AddSubscription(
            "Subscription",
            "unbound",
            _ => throw new GraphQLException(GraphQLError.WithCode("no such run", "RUN_NOT_FOUND"))));

        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value } }" }, TestContext.Current.CancellationToken);

        var error = result.Error!.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("RUN_NOT_FOUND");
        error.Path.ShouldBe(["unbound"]);
    }

    [Fact]
    public async Task SubscribeAsync_InvalidDocument_ReturnsValidationErrorWithoutStream()
    {
        var executor = CreateExecutor();

        var result = await executor.SubscribeAsync(
            new GraphQLRequest { Query = "subscription { counter(upTo: 1) { value } failing { value } }" },
            TestContext.Current.CancellationToken);

        result.Events.ShouldBeNull();
        result.Error!.Errors.ShouldAllBe(e => e.Code == ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task SubscribeAsync_SourceStreamFails_EndsWithOneErrorResultWithoutDetails()
    {
        var executor = CreateExecutor();

        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { failing { value } }" }, TestContext.Current.CancellationToken);
        var events = await CollectAsync(result);

        events.Count.ShouldBe(2);
        events[0].ShouldBe("""{"data":{"failing":{"value":1}}}""");
        events[1].ShouldContain(ErrorCodes.InternalServerError);
        events[1].ShouldNotContain("secret");
    }

    [Fact]
    public async Task SubscribeAsync_QueryOperation_GivesStreamOfItsOneResult()
    {
        var executor = CreateExecutor();

        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "{ ping }", RootValue = Obj(("ping", "pong")) }, TestContext.Current.CancellationToken);

        (await CollectAsync(result)).ShouldBe(["""{"data":{"ping":"pong"}}"""]);
    }

    [Fact]
    public async Task ExecuteAsync_SubscriptionOperation_ReturnsOperationNotAllowed()
    {
        var executor = CreateExecutor();

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "subscription { counter(upTo: 1) { value } }" }, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.OperationNotAllowed);
    }

    [Fact]
    public async Task SubscribeAsync_SubscriptionsNotAllowedForRequest_ReturnsOperationNotAllowed()
    {
        var executor = CreateExecutor();

        var result = await executor.SubscribeAsync(
            new GraphQLRequest { Query = "subscription { counter(upTo: 1) { value } }", AllowedOperations = AllowedOperations.Query },
            TestContext.Current.CancellationToken);

        result.Error!.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.OperationNotAllowed);
    }

    [Fact]
    public async Task DisposeAsync_SubscriberLeavesEarly_DisposesSourceStream()
    {
        var source = Channel.CreateUnbounded<object?>();
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = CreateExecutor(builder => builder.AddSubscription(
            "Subscription",
            "unbound",
            _ => new ValueTask<IAsyncEnumerable<object?>>(Watch(source.Reader, disposed))));
        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value } }" }, TestContext.Current.CancellationToken);
        source.Writer.TryWrite(Tick(1));

        var enumerator = result.Events!.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        (await enumerator.MoveNextAsync()).ShouldBeTrue();
        await enumerator.DisposeAsync();

        await disposed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        disposed.Task.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task MoveNextAsync_TokenCancelledWhileWaitingForEvent_EndsStreamAndDisposesSource()
    {
        var source = Channel.CreateUnbounded<object?>();
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = CreateExecutor(builder => builder.AddSubscription(
            "Subscription",
            "unbound",
            _ => new ValueTask<IAsyncEnumerable<object?>>(Watch(source.Reader, disposed))));
        using var cancellation = new CancellationTokenSource();
        var result = await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value } }" }, cancellation.Token);
        var enumerator = result.Events!.GetAsyncEnumerator(cancellation.Token);
        var next = enumerator.MoveNextAsync();

        await cancellation.CancelAsync();

        (await next).ShouldBeFalse();
        await enumerator.DisposeAsync();
        disposed.Task.IsCompletedSuccessfully.ShouldBeTrue();
    }

    private static async IAsyncEnumerable<object?> Watch(ChannelReader<object?> reader, TaskCompletionSource disposed, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            disposed.TrySetResult();
        }
    }
}
