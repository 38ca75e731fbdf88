using System.Text.Json;
using RunsGateway.GraphQL.Execution;
using static RunsGateway.GraphQL.Tests.Execution.TestSchemas;

namespace RunsGateway.GraphQL.Tests.Execution;

public sealed class RequestExecutorTests
{
    private const string Sdl = """
        type Query { hero: Character greeting(name: String = "world"): String! list: [Int] slow: String }
        type Mutation { first: Step second: Step }
        type Step { order: Int }
        type Character { name: String! friends: [Character] }
        """;

    private static readonly Dictionary<string, object?> Root = Obj(
        ("hero", Obj(("name", "R2-D2"), ("friends", new List<object?> { Obj(("name", "Luke")), Obj(("name", "Leia")) }))),
        ("list", new List<object?> { 1, 2, 3 }));

    private static RequestExecutor CreateExecutor(ExecutionOptions? options = null, TimeProvider? time = null, Action<RunsGateway.GraphQL.Types.SchemaBuilder>? configure = null)
        => new(Build(Sdl, builder =>
        {
            builder.AddResolver("Query", "greeting", ctx => "hello " + ctx.ArgumentValue<string>("name"));
            configure?.Invoke(builder);
        }), options, time);

    private static GraphQLError SingleError(ExecutionResult result) => result.Errors.ShouldHaveSingleItem();

    [Fact]
    public async Task ExecuteAsync_SimpleQuery_ReturnsDataInSelectionOrder()
    {
        var json = await CreateExecutor().RunAsync("{ list greeting hero { friends { name } name } }", Root);

        json.ShouldBe("""{"data":{"list":[1,2,3],"greeting":"hello world","hero":{"friends":[{"name":"Luke"},{"name":"Leia"}],"name":"R2-D2"}}}""");
    }

    [Fact]
    public async Task ExecuteAsync_DocumentLongerThanLimit_ReturnsDocumentTooLarge()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxDocumentLength = 20 });

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ hero { name friends { name } } }" }, TestContext.Current.CancellationToken);

        result.IsRequestError.ShouldBeTrue();
        SingleError(result).Code.ShouldBe(ErrorCodes.DocumentTooLarge);
    }

    [Fact]
    public async Task ExecuteAsync_MoreTokensThanLimit_ReturnsTooManyTokens()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxTokenCount = 5 });

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ hero { name friends { name } } }" }, TestContext.Current.CancellationToken);

        SingleError(result).Code.ShouldBe(ErrorCodes.TooManyTokens);
    }

    [Fact]
    public async Task ExecuteAsync_SelectionDeeperThanLimit_ReturnsMaxDepthExceeded()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxSelectionDepth = 3 });

        var shallow = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ hero { friends { name } } }", RootValue = Root }, TestContext.Current.CancellationToken);
        var deep = await executor.ExecuteAsync(
            new GraphQLRequest { Query = "{ hero { ...F } } fragment F on Character { friends { friends { name } } }" },
            TestContext.Current.CancellationToken);

        shallow.Errors.ShouldBeEmpty();
        deep.IsRequestError.ShouldBeTrue();
        SingleError(deep).Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
    }

    [Fact]
    public async Task ExecuteAsync_MoreFieldsAndAliasesThanLimit_ReturnsTooManyFields()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxFieldCount = 4 });

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ a: list b: list c: list d: list e: list }" }, TestContext.Current.CancellationToken);

        SingleError(result).Code.ShouldBe(ErrorCodes.TooManyFields);
    }

    [Fact]
    public async Task ExecuteAsync_FragmentsMultiplyingFields_CountsExpandedFields()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxFieldCount = 500 });
        var query = """
            { hero { ...A } }
            fragment A on Character { friends { ...B } f2: friends { ...B } f3: friends { ...B } f4: friends { ...B } }
            fragment B on Character { friends { ...C } f2: friends { ...C } f3: friends { ...C } f4: friends { ...C } }
            fragment C on Character { friends { ...D } f2: friends { ...D } f3: friends { ...D } f4: friends { ...D } }
            fragment D on Character { a: name b: name c: name d: name e: name f: name g: name h: name }
            """;

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = query }, TestContext.Current.CancellationToken);

        SingleError(result).Code.ShouldBe(ErrorCodes.TooManyFields);
    }

    [Fact]
    public async Task ExecuteAsync_IntrospectionDisabled_RejectsSchemaAndTypeButAllowsTypename()
    {
        var executor = CreateExecutor(new ExecutionOptions { EnableIntrospection = false });

        var schema = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ __schema { queryType { name } } }" }, TestContext.Current.CancellationToken);
        var type = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ ...F } fragment F on Query { __type(name: \"Query\") { name } }" }, TestContext.Current.CancellationToken);
        var typename = await executor.RunAsync("{ __typename }");

        SingleError(schema).Code.ShouldBe(ErrorCodes.IntrospectionDisabled);
        schema.IsRequestError.ShouldBeTrue();
        SingleError(type).Code.ShouldBe(ErrorCodes.IntrospectionDisabled);
        typename.ShouldBe("""{"data":{"__typename":"Query"}}""");
    }

    [Fact]
    public async Task ExecuteAsync_MutationWhenOnlyQueriesAllowed_ReturnsOperationNotAllowed()
    {
        var executor = CreateExecutor();

        var result = await executor.ExecuteAsync(
            new GraphQLRequest { Query = "mutation { first { order } }", AllowedOperations = AllowedOperations.Query },
            TestContext.Current.CancellationToken);

        result.IsRequestError.ShouldBeTrue();
        SingleError(result).Code.ShouldBe(ErrorCodes.OperationNotAllowed);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownOperationName_ReturnsOperationResolutionFailure()
    {
        var executor = CreateExecutor();

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "query A { list } query B { list }", OperationName = "C" }, TestContext.Current.CancellationToken);
        var missing = await executor.ExecuteAsync(new GraphQLRequest { Query = "query A { list } query B { list }" }, TestContext.Current.CancellationToken);

        SingleError(result).Code.ShouldBe(ErrorCodes.OperationResolutionFailure);
        SingleError(missing).Code.ShouldBe(ErrorCodes.OperationResolutionFailure);
        SingleError(missing).Locations.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_SyntaxError_ReturnsParseFailedWithLocation()
    {
        var result = await CreateExecutor().ExecuteAsync(new GraphQLRequest { Query = "{ hero { name }" }, TestContext.Current.CancellationToken);

        result.IsRequestError.ShouldBeTrue();
        var error = SingleError(result);
        error.Code.ShouldBe(ErrorCodes.SyntaxError);
        error.Locations.ShouldHaveSingleItem().Line.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidDocument_ReturnsValidationFailed()
    {
        var result = await CreateExecutor().ExecuteAsync(new GraphQLRequest { Query = "{ hero { unknownField } }" }, TestContext.Current.CancellationToken);

        result.IsRequestError.ShouldBeTrue();
        SingleError(result).Code.ShouldBe(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidVariable_ReturnsRequestErrorAtVariableDefinition()
    {
        var result = await CreateExecutor().ExecuteAsync(
            new GraphQLRequest { Query = "query ($n: String) { greeting(name: $n) }", Variables = Obj(("n", 42L)) },
            TestContext.Current.CancellationToken);

        result.IsRequestError.ShouldBeTrue();
        SingleError(result).Locations.ShouldBe([new RunsGateway.GraphQL.Language.SourceLocation(1, 8)]);
    }

    [Fact]
    public async Task ExecuteAsync_SameDocumentTwice_ParsesAndValidatesOnce()
    {
        var executor = CreateExecutor();

        await executor.RunAsync("{ list }", Root);
        await executor.RunAsync("{ list }", Root);

        executor.CachedDocumentCount.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_MoreDocumentsThanCacheSize_EvictsLeastRecentlyUsed()
    {
        var executor = CreateExecutor(new ExecutionOptions { DocumentCacheSize = 2 });

        await executor.RunAsync("{ a: list }", Root);
        await executor.RunAsync("{ b: list }", Root);
        await executor.RunAsync("{ c: list }", Root);

        executor.CachedDocumentCount.ShouldBe(2);
    }

    [Fact]
    public async Task ExecuteAsync_ResolverSlowerThanTimeout_ReturnsExecutionTimeout()
    {
        var time = new ManualTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<object?>();
        var executor = CreateExecutor(new ExecutionOptions { ExecutionTimeout = TimeSpan.FromSeconds(5) }, time, builder =>
            builder.AddResolver("Query", "slow", _ =>
            {
                started.TrySetResult();
                return new ValueTask<object?>(never.Task);
            }));

        var running = executor.ExecuteAsync(new GraphQLRequest { Query = "{ slow }" }, TestContext.Current.CancellationToken);
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await running;

        result.IsRequestError.ShouldBeTrue();
        SingleError(result).Code.ShouldBe(ErrorCodes.ExecutionTimeout);
    }

    [Fact]
    public async Task ExecuteAsync_SynchronousWorkExceedsTimeout_ReturnsExecutionTimeout()
    {
        var time = new ManualTimeProvider();
        var executor = CreateExecutor(new ExecutionOptions { ExecutionTimeout = TimeSpan.FromSeconds(5) }, time, builder =>
            builder.AddResolver("Query", "slow", _ =>
            {
                time.Advance(TimeSpan.FromSeconds(6));
                return "late";
            }));

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ slow hero { name } }", RootValue = Root }, TestContext.Current.CancellationToken);

        result.IsRequestError.ShouldBeTrue();
        SingleError(result).Code.ShouldBe(ErrorCodes.ExecutionTimeout);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_ThrowsAndResolverSeesCancellation()
    {
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = CreateExecutor(configure: builder =>
            builder.AddResolver("Query", "slow", async ctx =>
            {
                started.TrySetResult(ctx.CancellationToken);
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return "never";
            }));
        using var cancellation = new CancellationTokenSource();

        var running = executor.ExecuteAsync(new GraphQLRequest { Query = "{ slow }" }, cancellation.Token);
        var resolverToken = await started.Task;
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => running);
        resolverToken.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_MutationFields_RunSeriallyInDocumentOrder()
    {
        var log = new List<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = CreateExecutor(configure: builder => builder
            .AddResolver("Mutation", "first", async _ =>
            {
                lock (log) { log.Add("first:start"); }
                await gate.Task;
                lock (log) { log.Add("first:end"); }
                return Obj(("order", 1));
            })
            .AddResolver("Mutation", "second", _ =>
            {
                lock (log) { log.Add("second:start"); }
                return Obj(("order", 2));
            })
            .AddResolver("Step", "order", async ctx =>
            {
                await Task.Yield();
                var order = ((IReadOnlyDictionary<string, object?>)ctx.Parent!)["order"];
                lock (log) { log.Add("order:" + order); }
                return order;
            }));

        var running = executor.RunAsync("mutation { first { order } second { order } }");
        gate.SetResult();
        var json = await running;

        json.ShouldBe("""{"data":{"first":{"order":1},"second":{"order":2}}}""");
        log.ShouldBe(["first:start", "first:end", "order:1", "second:start", "order:2"]);
    }

    [Fact]
    public async Task ExecuteAsync_QueryFields_RunConcurrently()
    {
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new RequestExecutor(Build("type Query { a: String b: String }", builder => builder
            .AddResolver("Query", "a", async _ =>
            {
                aStarted.SetResult();
                await bStarted.Task;
                return "a";
            })
            .AddResolver("Query", "b", async _ =>
            {
                bStarted.SetResult();
                await aStarted.Task;
                return "b";
            })));

        // Each resolver waits for the other to start, so this completes only if both run at the same time.
        var json = await executor.RunAsync("{ a b }").WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        json.ShouldBe("""{"data":{"a":"a","b":"b"}}""");
    }

    [Fact]
    public async Task ExecuteAsync_ResultJson_IsValidUtf8WithErrorsFirst()
    {
        var executor = CreateExecutor(configure: b => b.AddResolver("Query", "slow", _ => throw new GraphQLException("boom")));

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ slow greeting(name: \"\\u00e9\\ud83d\\ude00\") }" }, TestContext.Current.CancellationToken);
        using var stream = new MemoryStream();
        await result.WriteToAsync(stream, TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(stream.ToArray());
        document.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["errors", "data"]);
        document.RootElement.GetProperty("data").GetProperty("greeting").GetString().ShouldBe("hello \u00e9\ud83d\ude00");
        document.RootElement.GetProperty("errors")[0].GetProperty("path")[0].GetString().ShouldBe("slow");
    }
}
