using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Execution;

/// <summary>
/// Scalar and enum fields read from a bound runtime type's properties are completed without a resolver context: the answers,
/// errors and paths must be exactly those of the resolver they stand for.
/// </summary>
public sealed class MemberLeafTests
{
    private const string Sdl = """
        type Query { items: [Item!]! }
        type Item { id: ID!, name: String, size: Int, state: State, done: Boolean!, label: String!, broken: String, failure: String }
        enum State { OPEN CLOSED_FOR_GOOD }
        """;

    private static readonly Item[] Items =
    [
        new("a", "first", 3, ItemState.Open, true),
        new("b", null, null, ItemState.ClosedForGood, false),
    ];

    private static RequestExecutor Executor(Item[] items, bool withLabelResolver = false)
    {
        var builder = SchemaBuilder.FromSdl(Sdl)
            .AddResolver("Query", "items", _ => new ValueTask<object?>(items))
            .BindRuntimeType<Item>("Item");
        if (withLabelResolver)
        {
            builder.AddResolvers<ItemLabels>();
        }

        return new RequestExecutor(builder.Build());
    }

    [Fact]
    public async Task Execute_PropertiesOfBoundType_AnswersEveryScalarAndEnumKind()
    {
        var result = await Executor(Items).ExecuteAsync(new GraphQLRequest { Query = "{ items { id name size state done } }" }, TestContext.Current.CancellationToken);

        result.ToJson().ShouldBe("""{"data":{"items":[{"id":"a","name":"first","size":3,"state":"OPEN","done":true},{"id":"b","name":null,"size":null,"state":"CLOSED_FOR_GOOD","done":false}]}}""");
    }

    [Fact]
    public async Task Execute_NonNullPropertyIsNull_ErrorAtTheFieldsPathAndNullPropagates()
    {
        var result = await Executor([Items[0] with { Id = null! }]).ExecuteAsync(new GraphQLRequest { Query = "{ items { id } }" }, TestContext.Current.CancellationToken);

        result.ToJson().ShouldBe("""{"errors":[{"message":"Cannot return null for non-nullable field Item.id.","locations":[{"line":1,"column":11}],"path":["items",0,"id"]}],"data":null}""");
    }

    [Fact]
    public async Task Execute_PropertyThrows_FieldErrorWithPathAndNull()
    {
        var result = await Executor(Items).ExecuteAsync(new GraphQLRequest { Query = "{ items { id broken } }" }, TestContext.Current.CancellationToken);

        result.Errors.Count.ShouldBe(2);
        result.Errors.Select(e => string.Join('/', e.Path!)).ShouldBe(["items/0/broken", "items/1/broken"]);
        result.Errors[0].Message.ShouldBe("Unexpected Execution Error", "an exception's own message stays on the server, as for any resolver");
        result.ToJson().ShouldEndWith("\"data\":{\"items\":[{\"id\":\"a\",\"broken\":null},{\"id\":\"b\",\"broken\":null}]}}");
    }

    [Fact]
    public async Task Execute_PropertyGivesAnException_FieldErrorAsForAnyResolver()
    {
        var result = await Executor(Items).ExecuteAsync(new GraphQLRequest { Query = "{ items { id failure } }" }, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Unexpected Execution Error");
        result.Errors[0].Path.ShouldBe(["items", 0, "failure"]);
        result.ToJson().ShouldEndWith("\"data\":{\"items\":[{\"id\":\"a\",\"failure\":null},{\"id\":\"b\",\"failure\":null}]}}");
    }

    [Fact]
    public async Task Execute_LongPropertyOutOfIntRange_FieldErrorAtItsPath()
    {
        var result = await Executor([Items[0] with { Size = 5_000_000_000 }]).ExecuteAsync(new GraphQLRequest { Query = "{ items { size } }" }, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Int cannot represent non 32-bit signed integer value: 5000000000");
        result.Errors[0].Path.ShouldBe(["items", 0, "size"]);
        result.ToJson().ShouldEndWith("\"data\":{\"items\":[{\"size\":null}]}}");
    }

    [Fact]
    public async Task Execute_ResolverMethodForAPropertyField_TheMethodAnswers()
    {
        var result = await Executor(Items, withLabelResolver: true).ExecuteAsync(new GraphQLRequest { Query = "{ items { label } }" }, TestContext.Current.CancellationToken);

        result.ToJson().ShouldBe("""{"data":{"items":[{"label":"resolved a"},{"label":"resolved b"}]}}""");
    }

    [Fact]
    public void Build_BoundPropertyOfLeafType_HasAMemberReaderUnlessAResolverReplacesIt()
    {
        var plain = (ObjectType)SchemaBuilder.FromSdl(Sdl).AddResolver("Query", "items", _ => default).BindRuntimeType<Item>("Item").Build().GetType("Item")!;
        var replaced = (ObjectType)SchemaBuilder.FromSdl(Sdl).AddResolver("Query", "items", _ => default).BindRuntimeType<Item>("Item").AddResolvers<ItemLabels>().Build().GetType("Item")!;

        plain.Fields["name"].MemberReader.ShouldNotBeNull();
        plain.Fields["label"].MemberReader.ShouldNotBeNull();
        plain.Fields["state"].MemberReader.ShouldNotBeNull("an enum field is a leaf too");
        replaced.Fields["label"].MemberReader.ShouldBeNull("the resolver method answers, not the property");
    }

    public enum ItemState
    {
        Open,
        ClosedForGood,
    }

    public sealed record Item(string Id, string? Name, long? Size, ItemState State, bool Done)
    {
        public string Label => "property " + Id;

        public string? Broken => throw new InvalidOperationException("the property failed for " + Id);

        public object? Failure => Id == "a" ? new InvalidOperationException("given as the value") : null;
    }

    [ObjectType("Item")]
    public sealed class ItemLabels
    {
        public static string GetLabel([Parent] Item item) => "resolved " + item.Id;
    }
}
