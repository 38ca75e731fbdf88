using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Introspection;
using RunsGateway.GraphQL.Tests.Conformance;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Introspection;

public sealed class IntrospectionTypesTests
{
    private const string Sdl = """
        "The test schema."
        schema { query: Query }

        "A custom scalar."
        scalar Url @specifiedBy(url: "https://url.spec.whatwg.org/")

        interface Node { id: ID! }

        interface Named implements Node { id: ID! name: String }

        "A user."
        type User implements Node & Named {
          id: ID!
          name: String
          "Old name."
          login: String @deprecated(reason: "Use `name`.")
          posts(first: Int = 10, order: [Order!] = [NEWEST, OLDEST], filter: Filter = {tag: "a\"b"}, legacy: Boolean @deprecated): [Post!]!
        }

        type Post implements Node { id: ID! title: String }

        union SearchResult = User | Post

        enum Order { NEWEST OLDEST RANDOM @deprecated(reason: "Unstable.") }

        input Filter {
          tag: String
          limit: Int = 20
          nested: Range = {from: 1}
          old: String @deprecated(reason: "Gone.")
        }

        input Range { from: Int to: Int = 99 }

        input Key @oneOf { id: ID slug: String }

        type Query {
          node(id: ID!): Node
          search(key: Key): [SearchResult]
          home: Url
        }
        """;

    private static readonly Lazy<RequestExecutor> Executor = new(() =>
        new RequestExecutor(SchemaBuilder.FromSdl(Sdl).UseDefaultResolver(static _ => new ValueTask<object?>((object?)null)).Build()));

    [Fact]
    public void All_ContainsTheEightMetaTypes_AndEverySchemaIncludesThem()
    {
        IntrospectionTypes.All.Select(t => t.Name).ShouldBe(
            ["__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation"]);

        foreach (var type in IntrospectionTypes.All)
        {
            IntrospectionTypes.IsIntrospectionTypeName(type.Name).ShouldBeTrue();
            IntrospectionTypes.Get(type.Name).ShouldBeSameAs(type);
            Executor.Value.Schema.GetType(type.Name).ShouldBeSameAs(type);
        }

        IntrospectionTypes.IsIntrospectionTypeName("__Other").ShouldBeFalse();
        IntrospectionTypes.Get("User").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(IntrospectionResults))]
    public async Task IntrospectionQuery_MetaTypes_EqualGraphQLJsExactly(string resultFile)
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(resultFile, TestContext.Current.CancellationToken))!["data"]!["__schema"]!;
        var sdl = await File.ReadAllTextAsync(
            Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(resultFile))!, "execution", Path.GetFileNameWithoutExtension(resultFile), "schema.graphql"),
            TestContext.Current.CancellationToken);
        var executor = new RequestExecutor(SchemaBuilder.FromSdl(sdl).UseDefaultResolver(static _ => new ValueTask<object?>((object?)null)).Build());
        var query = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(resultFile)!, "query.graphql"), TestContext.Current.CancellationToken);

        var actual = await ExecuteAsync(executor, query);

        var actualTypes = actual["__schema"]!["types"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>());
        foreach (var type in expected["types"]!.AsArray().Where(t => t!["name"]!.GetValue<string>().StartsWith("__", StringComparison.Ordinal)))
        {
            var name = type!["name"]!.GetValue<string>();
            actualTypes.ShouldContainKey(name);
            Canonical(actualTypes[name]).ShouldBe(Canonical(type), name);
        }

        var deprecated = actual["__schema"]!["directives"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "deprecated");
        deprecated!["locations"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldContain(IntrospectionTypes.DirectiveDefinitionLocation);
    }

    [Fact]
    public async Task Schema_DescriptionAndRoots_AreReported()
    {
        var data = await ExecuteAsync("{ __schema { description queryType { name } mutationType { name } subscriptionType { name } } }");

        data["__schema"]!.Relaxed().ShouldBe(
            """{"description":"The test schema.","queryType":{"name":"Query"},"mutationType":null,"subscriptionType":null}""");
    }

    [Fact]
    public async Task Type_FieldsWithoutIncludeDeprecated_OmitDeprecatedFieldsAndArguments()
    {
        var data = await ExecuteAsync("""
            { __type(name: "User") { fields { name args { name } } } }
            """);

        data["__type"]!["fields"]!.Relaxed().ShouldBe(
            """[{"name":"id","args":[]},{"name":"name","args":[]},{"name":"posts","args":[{"name":"first"},{"name":"order"},{"name":"filter"}]}]""");
    }

    [Fact]
    public async Task Type_IncludeDeprecatedTrue_ListsDeprecatedMembersWithReasons()
    {
        var data = await ExecuteAsync("""
            {
              user: __type(name: "User") {
                fields(includeDeprecated: true) { name isDeprecated deprecationReason args(includeDeprecated: true) { name isDeprecated deprecationReason } }
              }
              order: __type(name: "Order") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }
              filter: __type(name: "Filter") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } }
            }
            """);

        var login = data["user"]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "login")!;
        login.Relaxed().ShouldBe("""{"name":"login","isDeprecated":true,"deprecationReason":"Use `name`.","args":[]}""");
        var legacy = data["user"]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "posts")!["args"]!.AsArray()[3]!;
        legacy.Relaxed().ShouldBe("""{"name":"legacy","isDeprecated":true,"deprecationReason":"No longer supported"}""");
        data["order"]!["enumValues"]!.AsArray().Select(v => v!["isDeprecated"]!.GetValue<bool>()).ShouldBe([false, false, true]);
        data["order"]!["enumValues"]!.AsArray()[2]!["deprecationReason"]!.GetValue<string>().ShouldBe("Unstable.");
        data["filter"]!["inputFields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["tag", "limit", "nested", "old"]);
    }

    [Fact]
    public async Task Type_EnumValuesAndInputFieldsByDefault_OmitDeprecated()
    {
        var data = await ExecuteAsync("""
            { order: __type(name: "Order") { enumValues { name } } filter: __type(name: "Filter") { inputFields { name } } }
            """);

        data["order"]!["enumValues"]!.Relaxed().ShouldBe("""[{"name":"NEWEST"},{"name":"OLDEST"}]""");
        data["filter"]!["inputFields"]!.Relaxed().ShouldBe("""[{"name":"tag"},{"name":"limit"},{"name":"nested"}]""");
    }

    [Fact]
    public async Task InputValue_DefaultValue_IsRenderedLikeGraphQLJs()
    {
        var data = await ExecuteAsync("""
            {
              user: __type(name: "User") { fields { name args { name defaultValue } } }
              filter: __type(name: "Filter") { inputFields { name defaultValue } }
            }
            """);

        var posts = data["user"]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "posts")!;
        posts["args"]!.Relaxed().ShouldBe(
            """[{"name":"first","defaultValue":"10"},{"name":"order","defaultValue":"[NEWEST, OLDEST]"},{"name":"filter","defaultValue":"{tag: \"a\\\"b\", limit: 20, nested: {from: 1, to: 99}}"}]""");
        data["filter"]!["inputFields"]!.Relaxed().ShouldBe(
            """[{"name":"tag","defaultValue":null},{"name":"limit","defaultValue":"20"},{"name":"nested","defaultValue":"{from: 1, to: 99}"}]""");
    }

    [Fact]
    public async Task Type_KindSpecificFields_AreNullForOtherKinds()
    {
        var data = await ExecuteAsync("""
            {
              url: __type(name: "Url") { kind description specifiedByURL fields { name } interfaces { name } possibleTypes { name } enumValues { name } inputFields { name } ofType { name } isOneOf }
              key: __type(name: "Key") { kind isOneOf inputFields { name } }
              filter: __type(name: "Filter") { isOneOf }
              user: __type(name: "User") { kind description interfaces { name } possibleTypes { name } specifiedByURL isOneOf }
            }
            """);

        data["url"]!.Relaxed().ShouldBe(
            """{"kind":"SCALAR","description":"A custom scalar.","specifiedByURL":"https://url.spec.whatwg.org/","fields":null,"interfaces":null,"possibleTypes":null,"enumValues":null,"inputFields":null,"ofType":null,"isOneOf":null}""");
        data["key"]!.Relaxed().ShouldBe("""{"kind":"INPUT_OBJECT","isOneOf":true,"inputFields":[{"name":"id"},{"name":"slug"}]}""");
        data["filter"]!["isOneOf"]!.GetValue<bool>().ShouldBeFalse();
        data["user"]!.Relaxed().ShouldBe(
            """{"kind":"OBJECT","description":"A user.","interfaces":[{"name":"Node"},{"name":"Named"}],"possibleTypes":null,"specifiedByURL":null,"isOneOf":null}""");
    }

    [Fact]
    public async Task Type_AbstractTypes_ListPossibleTypesAndInterfaceInterfaces()
    {
        var data = await ExecuteAsync("""
            {
              node: __type(name: "Node") { kind possibleTypes { name } }
              named: __type(name: "Named") { interfaces { name } possibleTypes { name } }
              search: __type(name: "SearchResult") { kind possibleTypes { name } fields { name } }
            }
            """);

        data["node"]!["kind"]!.GetValue<string>().ShouldBe("INTERFACE");
        data["node"]!["possibleTypes"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["User", "Post"], ignoreOrder: true);
        data["named"]!.Relaxed().ShouldBe("""{"interfaces":[{"name":"Node"}],"possibleTypes":[{"name":"User"}]}""");
        data["search"]!.Relaxed().ShouldBe("""{"kind":"UNION","possibleTypes":[{"name":"User"},{"name":"Post"}],"fields":null}""");
    }

    [Fact]
    public async Task Type_WrappedFieldType_ExposesOfTypeChain()
    {
        var data = await ExecuteAsync("""
            { __type(name: "User") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
            """);

        var posts = data["__type"]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "posts")!;
        posts["type"]!.Relaxed().ShouldBe(
            """{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"Post"}}}}""");
    }

    [Fact]
    public async Task TypeMetaField_UnknownName_ReturnsNull()
    {
        var data = await ExecuteAsync("""{ __type(name: "Nope") { name } }""");

        data["__type"].ShouldBeNull();
    }

    [Fact]
    public async Task TypenameMetaField_OnRootAndMetaTypes_ReturnsRuntimeTypeNames()
    {
        var data = await ExecuteAsync("""{ __typename __schema { __typename queryType { __typename fields { __typename type { __typename } } } } }""");

        data["__typename"]!.GetValue<string>().ShouldBe("Query");
        data["__schema"]!["__typename"]!.GetValue<string>().ShouldBe("__Schema");
        data["__schema"]!["queryType"]!["fields"]!.AsArray()[0]!.Relaxed().ShouldBe("""{"__typename":"__Field","type":{"__typename":"__Type"}}""");
    }

    [Fact]
    public async Task Schema_Directives_ReportRepeatabilityLocationsAndArguments()
    {
        var data = await ExecuteAsync("""{ __schema { directives { name isRepeatable locations args { name defaultValue type { kind name } } } } }""");

        var byName = data["__schema"]!["directives"]!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>());
        byName.Keys.ShouldBe(["include", "skip", "deprecated", "specifiedBy", "oneOf"], ignoreOrder: true);
        byName["include"]!.Relaxed().ShouldBe(
            """{"name":"include","isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","defaultValue":null,"type":{"kind":"NON_NULL","name":null}}]}""");
        byName["deprecated"]!["args"]!.AsArray().Single()!["defaultValue"]!.GetValue<string>().ShouldBe("\"No longer supported\"");
    }

    [Fact]
    public void TryGetMetaField_FollowsGraphQLJsGetFieldDef()
    {
        var schema = Executor.Value.Schema;
        var user = schema.GetType("User")!;

        IntrospectionMetaFields.TryGetMetaField(schema, schema.QueryType, "__schema", out var schemaField).ShouldBeTrue();
        schemaField.ShouldBeSameAs(IntrospectionMetaFields.SchemaField);
        IntrospectionMetaFields.TryGetMetaField(schema, schema.QueryType, "__type", out var typeField).ShouldBeTrue();
        typeField!.Arguments.Single().Type.ToString().ShouldBe("String!");
        IntrospectionMetaFields.TryGetMetaField(schema, user, "__typename", out _).ShouldBeTrue();
        IntrospectionMetaFields.TryGetMetaField(schema, schema.GetType("SearchResult")!, "__typename", out _).ShouldBeTrue();
        IntrospectionMetaFields.TryGetMetaField(schema, user, "__schema", out _).ShouldBeFalse();
        IntrospectionMetaFields.TryGetMetaField(schema, schema.GetType("Order")!, "__typename", out _).ShouldBeFalse();
        IntrospectionMetaFields.GetField(schema, user, "name")!.Name.ShouldBe("name");
        IntrospectionMetaFields.GetField(schema, user, "missing").ShouldBeNull();
        IntrospectionMetaFields.IsMetaFieldName("__type").ShouldBeTrue();
    }

    public static TheoryData<string> IntrospectionResults()
    {
        var data = new TheoryData<string>();
        foreach (var corpus in CorpusLocator.Directories())
        {
            var directory = Path.Combine(corpus, "introspection");
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    private static Task<JsonNode> ExecuteAsync(string query) => ExecuteAsync(Executor.Value, query);

    private static async Task<JsonNode> ExecuteAsync(RequestExecutor executor, string query)
    {
        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = query }, TestContext.Current.CancellationToken);
        result.Errors.ShouldBeEmpty(string.Join("; ", result.Errors.Select(e => e.Message)));
        return JsonNode.Parse(result.ToJson())!["data"]!;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Canonical(JsonNode? node) => JsonSerializer.Serialize(node, Indented);
}

internal static class JsonTextExtensions
{
    private static readonly JsonSerializerOptions RelaxedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON without HTML-safe escaping, so expected strings can be written naturally.</summary>
    public static string Relaxed(this JsonNode? node) => node is null ? "null" : node.ToJsonString(RelaxedOptions);
}
