using System.Text.Json;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;
using static RunsGateway.GraphQL.Tests.Execution.TestSchemas;

namespace RunsGateway.GraphQL.Tests.Execution;

public sealed class OperationExecutorTests
{
    private const string Sdl = """
        type Query { node: Node nodes: [Node!] pet: Pet item: Item strict: Strict! numbers: [Float] big: Int }
        interface Node { id: ID! }
        type Item implements Node { id: ID! name: String! tags: [String!] }
        type Strict { inner: Inner! }
        type Inner { value: String! }
        type Dog { bark: String }
        type Cat { meow: String }
        union Pet = Dog | Cat
        """;

    private static RequestExecutor Create(Action<SchemaBuilder>? configure = null) => new(Build(Sdl, builder =>
    {
        builder.AddTypeResolver("Node", (value, ctx) => ctx.Schema.GetType("Item") as ObjectType);
        builder.AddTypeResolver("Pet", (value, ctx) => ctx.Schema.GetType(((IReadOnlyDictionary<string, object?>)value)["kind"] as string ?? "none") as ObjectType);
        configure?.Invoke(builder);
    }));

    [Fact]
    public async Task Execute_NonNullFieldReturnsNull_NullsNearestNullableAncestorWithOneError()
    {
        var root = Obj(("item", Obj(("id", "1"), ("name", null))));

        var json = await Create().RunAsync("{ item { id renamed: name } }", root);

        json.ShouldBe("""{"errors":[{"message":"Cannot return null for non-nullable field Item.name.","locations":[{"line":1,"column":13}],"path":["item","renamed"]}],"data":{"item":null}}""");
    }

    [Fact]
    public async Task Execute_NullPropagatesThroughNonNullRoot_DataIsNull()
    {
        var root = Obj(("strict", Obj(("inner", Obj(("value", null))))));

        var result = await Create().ExecuteAsync(new GraphQLRequest { Query = "{ strict { inner { value } } }", RootValue = root }, TestContext.Current.CancellationToken);

        result.HasData.ShouldBeTrue();
        result.Data.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().Path.ShouldBe(["strict", "inner", "value"]);
    }

    [Fact]
    public async Task Execute_AsyncNonNullFailure_PropagatesLikeSyncFailure()
    {
        var executor = Create(b => b.AddResolver("Inner", "value", async _ =>
        {
            await Task.Yield();
            return null;
        }));
        var root = Obj(("strict", Obj(("inner", Obj()))), ("big", 1));

        var json = await executor.RunAsync("{ big strict { inner { value } } }", root);

        json.ShouldBe("""{"errors":[{"message":"Cannot return null for non-nullable field Inner.value.","locations":[{"line":1,"column":24}],"path":["strict","inner","value"]}],"data":null}""");
    }

    [Fact]
    public async Task Execute_ErrorInNonNullListItem_NullsTheListAndReportsTheItemPath()
    {
        var root = Obj(("item", Obj(("id", "1"), ("name", "x"), ("tags", new List<object?> { "a", null, "c" }))));

        var json = await Create().RunAsync("{ item { tags } }", root);

        json.ShouldBe("""{"errors":[{"message":"Cannot return null for non-nullable field Item.tags.","locations":[{"line":1,"column":10}],"path":["item","tags",1]}],"data":{"item":{"tags":null}}}""");
    }

    [Fact]
    public async Task Execute_MergedFieldError_ListsEveryFieldNodeLocation()
    {
        var executor = Create(b => b.AddResolver("Query", "big", _ => throw new GraphQLException("nope")));

        var result = await executor.ExecuteAsync(
            new GraphQLRequest { Query = "{ big ... on Query { big } }" },
            TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Locations.ShouldBe([new SourceLocation(1, 3), new SourceLocation(1, 22)]);
        error.Path.ShouldBe(["big"]);
    }

    [Fact]
    public async Task Execute_ResolverThrowsUnexpectedException_HidesMessageAndAddsCode()
    {
        var executor = Create(b => b.AddResolver("Query", "big", _ => throw new InvalidOperationException("secret connection string")));

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ big }" }, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldNotContain("secret");
        error.Code.ShouldBe(ErrorCodes.InternalServerError);
    }

    [Fact]
    public async Task Execute_GraphQLExceptionWithExtensions_KeepsExtensions()
    {
        var executor = Create(b => b.AddResolver("Query", "big", _ =>
            throw new GraphQLException(new GraphQLError("vendor failed", extensions: new Dictionary<string, object?> { ["code"] = "VENDOR_DOWN", ["vendor"] = "crewship" }))));

        var json = await executor.RunAsync("{ big }");

        json.ShouldBe("""{"errors":[{"message":"vendor failed","locations":[{"line":1,"column":3}],"path":["big"],"extensions":{"code":"VENDOR_DOWN","vendor":"crewship"}}],"data":{"big":null}}""");
    }

    [Fact]
    public async Task Execute_IntOutOfRange_IsFieldError()
    {
        var json = await Create().RunAsync("{ big }", Obj(("big", 3_000_000_000L)));

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("data").GetProperty("big").ValueKind.ShouldBe(JsonValueKind.Null);
        document.RootElement.GetProperty("errors")[0].GetProperty("path")[0].GetString().ShouldBe("big");
    }

    [Fact]
    public async Task Execute_Floats_WrittenInShortestRoundTripForm()
    {
        var root = Obj(("numbers", new List<object?> { 0.1, 1e-7, double.MaxValue, 2.0, 1e21, -5e-324 }));

        var json = await Create().RunAsync("{ numbers }", root);

        json.ShouldBe("""{"data":{"numbers":[0.1,1e-7,1.7976931348623157e+308,2,1e+21,-5e-324]}}""");
    }

    [Fact]
    public async Task Execute_UnionWithTypename_ResolvesConcreteType()
    {
        var json = await Create().RunAsync("{ pet { __typename ... on Dog { bark } ... on Cat { meow } } }", Obj(("pet", Obj(("kind", "Cat"), ("meow", "purr")))));

        json.ShouldBe("""{"data":{"pet":{"__typename":"Cat","meow":"purr"}}}""");
    }

    [Fact]
    public async Task Execute_TypeResolverReturnsTypeOutsideUnion_IsFieldError()
    {
        var json = await Create().RunAsync("{ pet { __typename } }", Obj(("pet", Obj(("kind", "Item")))));

        json.ShouldBe("""{"errors":[{"message":"Runtime Object type \"Item\" is not a possible type for \"Pet\".","locations":[{"line":1,"column":3}],"path":["pet"]}],"data":{"pet":null}}""");
    }

    [Fact]
    public async Task Execute_SkipAndIncludeWithVariables_FollowVariableValues()
    {
        var executor = Create();
        var root = Obj(("item", Obj(("id", "1"), ("name", "n"))));
        const string query = "query ($s: Boolean!, $i: Boolean!) { item { id @skip(if: $s) name @include(if: $i) } }";

        var both = await executor.RunAsync(query, root, Obj(("s", false), ("i", true)));
        var none = await executor.RunAsync(query, root, Obj(("s", true), ("i", false)));

        both.ShouldBe("""{"data":{"item":{"id":"1","name":"n"}}}""");
        none.ShouldBe("""{"data":{"item":{}}}""");
    }

    [Fact]
    public async Task Execute_ContextLookAheadAndPath_SeeSelectionAndResponsePath()
    {
        IReadOnlyList<object>? path = null;
        bool? selectsName = null;
        bool? selectsTags = null;
        var executor = Create(b => b.AddResolver("Query", "nodes", ctx =>
        {
            selectsName = ctx.IsSelected("name");
            selectsTags = ctx.IsSelected("tags");
            return new List<object?> { Obj(("id", "7"), ("name", "seven")) };
        }).AddResolver("Item", "name", ctx =>
        {
            path = ctx.Path;
            return "seven";
        }));

        await executor.RunAsync("{ nodes { ... on Item { n: name } } }");

        selectsName.ShouldBe(true);
        selectsTags.ShouldBe(false);
        path.ShouldBe(["nodes", 0, "n"]);
    }

    [Fact]
    public async Task Execute_CustomScalarThroughExecution_ParsesInputAndSerializesOutput()
    {
        const string sdl = """
            scalar Money
            type Query { double(amount: Money!): Money }
            """;
        var schema = Build(sdl, b => b
            .AddScalar(new MoneyScalar())
            .AddResolver("Query", "double", ctx => ctx.ArgumentValue<decimal>("amount") * 2));
        var executor = new RequestExecutor(schema);

        var literal = await executor.RunAsync("{ double(amount: \"EUR 1.25\") }");
        var variable = await executor.RunAsync("query ($m: Money!) { double(amount: $m) }", variables: Obj(("m", "EUR 2.50")));
        var invalid = await executor.ExecuteAsync(new GraphQLRequest { Query = "query ($m: Money!) { double(amount: $m) }", Variables = Obj(("m", "1.25")) }, TestContext.Current.CancellationToken);

        literal.ShouldBe("""{"data":{"double":"EUR 2.50"}}""");
        variable.ShouldBe("""{"data":{"double":"EUR 5.00"}}""");
        invalid.IsRequestError.ShouldBeTrue();
    }

    [Fact]
    public async Task Execute_DateTimeScalar_SerializesRfc3339()
    {
        var schema = Build("scalar DateTime type Query { at: DateTime }", b => b
            .AddScalar(Scalars.DateTime)
            .AddResolver("Query", "at", _ => new DateTimeOffset(2026, 11, 26, 1, 2, 3, TimeSpan.Zero)));

        var json = await new RequestExecutor(schema).RunAsync("{ at }");

        json.ShouldStartWith("""{"data":{"at":"2026-11-26T01:02:03""");
    }

    private sealed class MoneyScalar() : ScalarType("Money")
    {
        public override object? Serialize(object? value) => value is decimal amount
            ? "EUR " + amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)
            : throw new ScalarCoercionException("Money must be a decimal.");

        public override object? ParseValue(object? value) => Parse(value as string);

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
            => Parse((literal as StringValueNode)?.Value);

        private static decimal Parse(string? text) => text is not null && text.StartsWith("EUR ", StringComparison.Ordinal)
            ? decimal.Parse(text[4..], System.Globalization.CultureInfo.InvariantCulture)
            : throw new ScalarCoercionException("Money is written as \"EUR 1.23\".");
    }
}
