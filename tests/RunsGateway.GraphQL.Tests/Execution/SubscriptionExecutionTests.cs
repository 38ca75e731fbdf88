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

    [Fact]
    public async Task SubscribeAsync_SkipUnchanged_SendsOnlyEventsWhoseSelectedFieldsChanged()
    {
        object?[] events = [Obj(("value", 1), ("label", "queued")), Obj(("value", 1), ("label", "running")), Obj(("value", 2), ("label", "running"))];
        var executor = CreateExecutor(builder => builder.AddSubscription(
            "Subscription",
            "unbound",
            _ => new ValueTask<IAsyncEnumerable<object?>>(events.ToAsyncEnumerable()),
            SubscriptionEventOptions.SkipUnchanged));

        var valueOnly = await CollectAsync(await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value } }" }, TestContext.Current.CancellationToken));
        var withLabel = await CollectAsync(await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value label } }" }, TestContext.Current.CancellationToken));

        valueOnly.ShouldBe(["""{"data":{"unbound":{"value":1}}}""", """{"data":{"unbound":{"value":2}}}"""]);
        withLabel.Count.ShouldBe(3, "every event changed a field this subscription selected");
    }

    [Fact]
    public async Task SubscribeAsync_SkipUnchangedAfterError_SendsTheRecoveredStateAgain()
    {
        object?[] events = [Obj(("value", 1)), Obj(("value", null)), Obj(("value", null)), Obj(("value", 1))];
        var executor = CreateExecutor(builder => builder.AddSubscription(
            "Subscription",
            "unbound",
            _ => new ValueTask<IAsyncEnumerable<object?>>(events.ToAsyncEnumerable()),
            SubscriptionEventOptions.SkipUnchanged));

        var sent = await CollectAsync(await executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { unbound { value } }" }, TestContext.Current.CancellationToken));

        sent.Count.ShouldBe(3, "the repeated error is not sent twice");
        sent[0].ShouldBe("""{"data":{"unbound":{"value":1}}}""");
        sent[1].ShouldContain("Cannot return null for non-nullable field Tick.value.");
        sent[2].ShouldBe(sent[0]);
    }

    [Fact]
    public async Task SubscribeAsync_ShareExecution_SameOperationExecutesEachEventOnce()
    {
        object?[] events = [Tick(1), Tick(2), Tick(3)];
        var executions = 0;
        var executor = CreateExecutor(builder => builder
            .AddSubscription("Subscription", "unbound", _ => new ValueTask<IAsyncEnumerable<object?>>(events.ToAsyncEnumerable()), SubscriptionEventOptions.ShareExecution)
            .AddResolver("Tick", "doubled", context =>
            {
                Interlocked.Increment(ref executions);
                return ((IReadOnlyDictionary<string, object?>)context.Parent!)["doubled"];
            }));
        const string Query = "subscription($withLabel: Boolean!) { unbound { value doubled label @include(if: $withLabel) } }";
        GraphQLRequest Request(bool withLabel) => new() { Query = Query, Variables = new Dictionary<string, object?> { ["withLabel"] = withLabel } };

        var subscribers = new List<List<string>>();
        for (var i = 0; i < 5; i++)
        {
            subscribers.Add(await CollectAsync(await executor.SubscribeAsync(Request(withLabel: false), TestContext.Current.CancellationToken)));
        }

        var otherVariables = await CollectAsync(await executor.SubscribeAsync(Request(withLabel: true), TestContext.Current.CancellationToken));

        subscribers.ShouldAllBe(sent => sent.SequenceEqual(subscribers[0]));
        subscribers[0].ShouldBe([
            """{"data":{"unbound":{"value":1,"doubled":2}}}""",
            """{"data":{"unbound":{"value":2,"doubled":4}}}""",
            """{"data":{"unbound":{"value":3,"doubled":6}}}""",
        ]);
        otherVariables[0].ShouldBe("""{"data":{"unbound":{"value":1,"doubled":2,"label":null}}}""");
        executions.ShouldBe(6, "three events for the five subscribers with one operation, three for the one with other variables");
    }

    [Fact]
    public async Task SubscribeAsync_SharedExecutionOwnerLeaves_WaitingSubscriberExecutesOnItsOwn()
    {
        var sourceEvent = Tick(7);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var executor = CreateExecutor(builder => builder
            .AddSubscription("Subscription", "unbound", _ => new ValueTask<IAsyncEnumerable<object?>>(new[] { sourceEvent }.ToAsyncEnumerable()), SubscriptionEventOptions.ShareExecution)
            .AddResolver("Tick", "label", async context =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    firstStarted.TrySetResult();
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }

                return "own";
            }));
        var request = new GraphQLRequest { Query = "subscription { unbound { label } }" };
        using var ownerLeaves = new CancellationTokenSource();
        var owner = (await executor.SubscribeAsync(request, ownerLeaves.Token)).Events!.GetAsyncEnumerator(ownerLeaves.Token);
        var ownerNext = owner.MoveNextAsync().AsTask();
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var waiter = (await executor.SubscribeAsync(request, TestContext.Current.CancellationToken)).Events!.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var waiterNext = waiter.MoveNextAsync().AsTask();

        await ownerLeaves.CancelAsync();

        (await waiterNext.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBeTrue();
        waiter.Current.ToJson().ShouldBe("""{"data":{"unbound":{"label":"own"}}}""");
        await Should.ThrowAsync<OperationCanceledException>(ownerNext.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        calls.ShouldBe(2);
        await owner.DisposeAsync();
        await waiter.DisposeAsync();
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
