using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Resolvers;

public sealed class TypedResolverTests
{
    private readonly LoaderLog _log = new();

    private static SchemaBuilder Builder() => SchemaBuilder.FromSdl(TypedModel.Sdl)
        .AddScalar(Scalars.DateTime)
        .AddScalar(Scalars.Long)
        .AddResolvers<TypedQuery>()
        .AddResolvers<ItemResolvers>()
        .AddDataLoader<UserByIdDataLoader>()
        .BindRuntimeType<ItemRecord>("Item")
        .BindRuntimeType<UserRecord>("User");

    private async Task<string> RunAsync(string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var executor = new RequestExecutor(Builder().Build());
        var result = await executor.ExecuteAsync(
            new GraphQLRequest { Query = query, Variables = variables, Services = new TestServices(new Greeter { Greeting = "hi" }, _log) },
            TestContext.Current.CancellationToken);
        return result.ToJson();
    }

    [Fact]
    public async Task Execute_RuntimeTypeProperties_ConvertLongEnumAndDateTime()
    {
        var json = await RunAsync("{ item(id: 1) { id name outcome durationMs createdAt size } }");

        json.ShouldBe("""{"data":{"item":{"id":1,"name":"checkout","outcome":"PASSED","durationMs":1500,"createdAt":"2026-06-10T16:02:19Z","size":5000000000}}}""");
    }

    [Fact]
    public async Task Execute_CSharpEnumMemberWithTwoWords_ServedAsUpperSnakeValue()
    {
        var json = await RunAsync("{ item(id: 2) { outcome durationMs createdAt } }");

        json.ShouldBe("""{"data":{"item":{"outcome":"TIMED_OUT","durationMs":null,"createdAt":null}}}""");
    }

    [Fact]
    public async Task Execute_LongPropertyOutsideIntRange_FieldErrorAndNull()
    {
        var json = await RunAsync("{ item(id: 3) { name durationMs } }");

        json.ShouldContain("\"item\":{\"name\":\"search\",\"durationMs\":null}");
        json.ShouldContain("Int cannot represent non 32-bit signed integer value: 3000000000");
        json.ShouldContain("\"path\":[\"item\",\"durationMs\"]");
    }

    [Fact]
    public async Task Execute_LongResolverResultOutsideIntRange_FieldError()
    {
        var json = await RunAsync("{ big }");

        json.ShouldContain("\"data\":{\"big\":null}");
        json.ShouldContain("Int cannot represent non 32-bit signed integer value: 3000000000");
    }

    [Fact]
    public async Task Execute_EnumArgument_BindsToCSharpEnumAndBack()
    {
        var json = await RunAsync("{ echoOutcome(outcome: TIMED_OUT) outcomeName(outcome: TIMED_OUT) none: outcomeName(outcome: null) }");

        json.ShouldBe("""{"data":{"echoOutcome":"TIMED_OUT","outcomeName":"TimedOut","none":null}}""");
    }

    [Fact]
    public async Task Execute_InputObjectWithNestedRecordListsAndEnums_BindsToRecords()
    {
        var json = await RunAsync("""{ items(search: { tags: ["ui"], outcomes: [PASSED, TIMED_OUT], range: { min: 2 } }) { id } }""");

        json.ShouldBe("""{"data":{"items":[{"id":2}]}}""");
    }

    [Fact]
    public async Task Execute_InputObjectFromVariables_BindsLikeLiterals()
    {
        var variables = new Dictionary<string, object?>
        {
            ["search"] = new Dictionary<string, object?> { ["name"] = "e", ["range"] = new Dictionary<string, object?> { ["min"] = 1, ["max"] = 1 } },
        };

        var json = await RunAsync("query($search: Search) { items(search: $search) { id } }", variables);

        json.ShouldBe("""{"data":{"items":[{"id":1}]}}""");
    }

    [Fact]
    public async Task Execute_NullableArgumentsAbsentOrDefaulted_BindAsNullOrDefault()
    {
        var json = await RunAsync("{ all: items { id } two: items(limit: 2) { id } }");

        json.ShouldBe("""{"data":{"all":[{"id":1},{"id":2},{"id":3}],"two":[{"id":1},{"id":2}]}}""");
    }

    [Fact]
    public async Task Execute_ServiceContextAndCancellationTokenParameters_AreBound()
    {
        var json = await RunAsync("{ greeting path cancellable }");

        json.ShouldBe("""{"data":{"greeting":"hi","path":"path","cancellable":true}}""");
    }

    [Fact]
    public async Task Execute_ParentAndDataLoaderParameters_OneBatchAndOneLoaderPerRequest()
    {
        var json = await RunAsync("{ items { label owner { id name } } }");

        json.ShouldBe("""{"data":{"items":[{"label":"checkout#1","owner":{"id":10,"name":"user10"}},{"label":"login#2","owner":{"id":20,"name":"user20"}},{"label":"search#3","owner":{"id":10,"name":"user10"}}]}}""");
        _log.Batches.ShouldHaveSingleItem().ShouldBe([10, 20]);
        _log.Instances.ShouldBe(1);
    }

    [Fact]
    public async Task Execute_TwoRequests_EachGetsItsOwnLoader()
    {
        await RunAsync("{ item(id: 1) { owner { id } } }");
        await RunAsync("{ item(id: 1) { owner { id } } }");

        _log.Instances.ShouldBe(2);
        _log.Batches.Count.ShouldBe(2);
    }

    [Fact]
    public void Build_TypedSchema_EveryFieldHasACompiledResolver()
    {
        var schema = Builder().Build();

        foreach (var type in new[] { "Query", "Item", "User" })
        {
            ((ObjectType)schema.GetType(type)!).Fields.Values.ShouldAllBe(f => f.Resolver != null);
        }
    }
}
