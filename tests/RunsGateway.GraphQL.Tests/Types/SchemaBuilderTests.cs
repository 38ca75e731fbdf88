using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Types;

public sealed class SchemaBuilderTests
{
    private const string RunsSdl = """
        type Query { run(id: ID!): Run, node(id: ID!): Node }
        interface Node { id: ID! }
        type Run implements Node { id: ID!, name: String!, durationMs: Int, status: Status, summary: String }
        enum Status { IN_PROGRESS PASSED }
        """;

    private const string InterfacesSdl = """
        type Query { run: Run, node: Node, job: Job }
        interface Node { id: ID! }
        interface Job implements Node { id: ID!, name: String }

        """;

    [Fact]
    public void Build_ImpliedRootTypes_UsesQueryAndMutationNames()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: Int } type Mutation { b: Int }").Build();

        schema.QueryType.Name.ShouldBe("Query");
        schema.MutationType!.Name.ShouldBe("Mutation");
        schema.SubscriptionType.ShouldBeNull();
        schema.GetRootType(OperationType.Mutation).ShouldBeSameAs(schema.MutationType);
    }

    [Fact]
    public void Build_SchemaDefinition_UsesDeclaredRootsAndDescription()
    {
        var schema = SchemaBuilder.FromSdl("\"The API.\" schema { query: Root } type Root { a: Int } type Query { b: Int }").Build();

        schema.QueryType.Name.ShouldBe("Root");
        schema.Description.ShouldBe("The API.");
        schema.GetType("Query").ShouldNotBeNull();
    }

    [Fact]
    public void Build_TypeMap_IncludesIntrospectionTypesAndOnlyUsedScalars()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: Int }").Build();

        schema.GetType("__Schema").ShouldNotBeNull();
        schema.GetType("Int").ShouldBeSameAs(Scalars.Int);
        schema.GetType("String").ShouldBeSameAs(Scalars.String);
        schema.GetType("Float").ShouldBeNull();
        schema.GetDirective("oneOf").ShouldBeSameAs(BuiltInDirectives.OneOf);
    }

    [Fact]
    public void Build_Extensions_AreMerged()
    {
        var schema = SchemaBuilder.FromSdl("""
            type Query { a: Int }
            extend type Query { b: String }
            enum E { A }
            extend enum E { B }
            union U = X
            extend union U = Y
            type X { x: Int }
            type Y { y: Int }
            input I { p: Int }
            extend input I @oneOf
            extend schema { mutation: M }
            type M { m: Int }
            """).Build();

        schema.QueryType.Fields.Keys.ShouldBe(["a", "b"]);
        ((EnumType)schema.GetType("E")!).Values.Select(v => v.Name).ShouldBe(["A", "B"]);
        ((UnionType)schema.GetType("U")!).Types.Select(t => t.Name).ShouldBe(["X", "Y"]);
        ((InputObjectType)schema.GetType("I")!).IsOneOf.ShouldBeTrue();
        schema.MutationType!.Name.ShouldBe("M");
        schema.QueryType.ExtensionAstNodes.Count.ShouldBe(1);
    }

    [Fact]
    public void Build_InterfacesImplementingInterfaces_PossibleTypesAndSubTypes()
    {
        var schema = SchemaBuilder.FromSdl("""
            type Query { n: Node }
            interface Node { id: ID! }
            interface Job implements Node { id: ID!, name: String }
            type Run implements Job & Node { id: ID!, name: String }
            type Other implements Node { id: ID! }
            """).Build();
        var node = (InterfaceType)schema.GetType("Node")!;
        var job = (InterfaceType)schema.GetType("Job")!;
        var run = (ObjectType)schema.GetType("Run")!;

        schema.GetPossibleTypes(node).Select(t => t.Name).ShouldBe(["Run", "Other"], ignoreOrder: true);
        schema.GetPossibleTypes(job).ShouldBe([run]);
        schema.IsSubType(node, job).ShouldBeTrue();
        schema.IsSubType(job, node).ShouldBeFalse();
        TypeComparators.IsTypeSubTypeOf(schema, new NonNullType(run), node).ShouldBeTrue();
        TypeComparators.DoTypesOverlap(schema, job, node).ShouldBeTrue();
    }

    [Fact]
    public void Build_Deprecations_ReadFromSdl()
    {
        var schema = SchemaBuilder.FromSdl("""
            type Query {
              a(x: Int @deprecated(reason: "Use y."), y: Int): Int @deprecated
              b(f: F): Int
            }
            input F { old: Int @deprecated(reason: "gone") }
            enum E { A @deprecated(reason: "Use B."), B }
            type T { e: E }
            """).Build();
        var a = schema.QueryType.Fields["a"];

        a.IsDeprecated.ShouldBeTrue();
        a.DeprecationReason.ShouldBe("No longer supported");
        a.GetArgument("x")!.DeprecationReason.ShouldBe("Use y.");
        a.GetArgument("y")!.IsDeprecated.ShouldBeFalse();
        ((InputObjectType)schema.GetType("F")!).Fields["old"].DeprecationReason.ShouldBe("gone");
        ((EnumType)schema.GetType("E")!).GetValue("A")!.DeprecationReason.ShouldBe("Use B.");
    }

    [Fact]
    public void Build_SdlScalarWithoutCode_IsPassThroughWithSpecifiedBy()
    {
        var schema = SchemaBuilder.FromSdl("type Query { d: DateTime } scalar DateTime @specifiedBy(url: \"https://example.com/dt\")").Build();
        var scalar = (ScalarType)schema.GetType("DateTime")!;

        scalar.SpecifiedByUrl.ShouldBe("https://example.com/dt");
        scalar.ParseValue("not a date").ShouldBe("not a date");
    }

    [Fact]
    public void AddScalar_SdlScalarWithSameName_TakesCoercionAndKeepsSdlDescription()
    {
        var schema = SchemaBuilder.FromSdl("type Query { d: DateTime } \"When.\" scalar DateTime")
            .AddScalar(Scalars.DateTime)
            .Build();
        var scalar = (ScalarType)schema.GetType("DateTime")!;

        scalar.Description.ShouldBe("When.");
        scalar.SpecifiedByUrl.ShouldBe(Scalars.DateTime.SpecifiedByUrl);
        scalar.ParseValue("2024-01-01T00:00:00Z").ShouldBeOfType<DateTimeOffset>();
        Should.Throw<ScalarCoercionException>(() => scalar.ParseValue("not a date"));
    }

    [Fact]
    public void AddScalar_NotInSdl_IsAddedToTypes()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: Int }").AddScalar(Scalars.Long).Build();

        schema.GetType("Long").ShouldBeSameAs(Scalars.Long);
    }

    [Theory]
    [InlineData("type Query { a: Int } type Query { b: Int }", "Query")]
    [InlineData("type Query { a: Missing }", "Missing")]
    [InlineData("type Query { a: In }  input In { x: Int }", "Query.a")]
    [InlineData("type Query { a(x: Out): Int } type Out { y: Int }", "Query.a(x:)")]
    [InlineData("type Query { a: Int } type Empty", "Empty")]
    [InlineData("type Query { a: Int } type __Reserved { a: Int }", "__Reserved")]
    [InlineData("type Query { __a: Int }", "Query.__a")]
    [InlineData("type Query { a: U } union U = Query | S scalar S", "U")]
    [InlineData("type Query { a: Int } input O @oneOf { x: Int!, y: Int }", "O.x")]
    [InlineData("type Query { a: Int } input O @oneOf { x: Int = 1, y: Int }", "O.x")]
    [InlineData("type Query { a: Int } input A { b: B! } input B { a: A! }", "A")]
    [InlineData("type Query { a(x: Int! @deprecated): Int }", "Query.a(x:)")]
    [InlineData("type Query { a(x: Int = \"s\"): Int }", "Query.a(x:)")]
    [InlineData("type Mutation { a: Int }", "Query root type")]
    [InlineData("type Query { a: Int @unknown }", "@unknown")]
    [InlineData("type Query { a: Int } enum E { A A }", "E.A")]
    public void Build_InvalidSchema_ThrowsSchemaExceptionNamingTheCulprit(string sdl, string culprit)
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl(sdl).Build());

        ex.Message.ShouldContain(culprit);
        ex.Errors.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("type Run implements Node { name: String }", "Interface field Node.id expected but Run does not provide it.")]
    [InlineData("type Run implements Node { id: String }", "Interface field Node.id expects type ID! but Run.id is type String.")]
    [InlineData("type Run implements Job { id: ID!, name: String }", "Type Run must implement Node because it is implemented by Job.")]
    [InlineData("type Run implements Node & Node { id: ID! }", "Type Run can only implement Node once.")]
    [InlineData("type Run implements Query { id: ID! }", "Type Run must only implement Interface types, it cannot implement Query.")]
    public void Build_InterfaceImplementationViolation_ReportedPerSpec(string runSdl, string expected)
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl(InterfacesSdl + runSdl).Build());

        ex.Errors.ShouldContain(expected);
    }

    [Fact]
    public void Build_ObjectImplementingInterfaceChain_IsValid()
        => Should.NotThrow(() => SchemaBuilder.FromSdl(InterfacesSdl + "type Run implements Job & Node { id: ID!, name: String }").Build());

    [Fact]
    public void Build_CovariantInterfaceField_IsAccepted()
    {
        Should.NotThrow(() => SchemaBuilder.FromSdl("""
            type Query { n: Node }
            interface Node { self: Node, list: [Node] }
            type Run implements Node { self: Run!, list: [Run!]! }
            """).Build());
    }

    [Fact]
    public void Build_ObjectFieldAddsRequiredArgument_Rejected()
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl("""
            type Query { n: Node }
            interface Node { f(a: Int): Int }
            type Run implements Node { f(a: Int, b: Int!): Int }
            """).Build());

        ex.Errors.ShouldContain("Object field Run.f includes required argument b that is missing from the Interface field Node.f.");
    }

    [Fact]
    public void Build_InterfaceArgumentTypeDiffers_Rejected()
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl("""
            type Query { n: Node }
            interface Node { f(a: Int): Int }
            type Run implements Node { f(a: Int!): Int }
            """).Build());

        ex.Errors.ShouldContain("Interface field argument Node.f(a:) expects type Int but Run.f(a:) is type Int!.");
    }

    [Fact]
    public void Build_SeveralProblems_AllListed()
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl("type Query { a: In } input In { x: Query } type Empty").Build());

        ex.Errors.Count.ShouldBe(3);
    }

    [Fact]
    public void AssumeValid_PartialSchema_Builds()
    {
        var schema = SchemaBuilder.FromSdl("type Foo").AssumeValid().Build();

        schema.HasQueryType.ShouldBeFalse();
        schema.GetType("Foo").ShouldBeOfType<ObjectType>();
    }

    [Fact]
    public void AddResolver_UnknownField_ThrowsNamingTheField()
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl(RunsSdl).AddResolver("Query", "runs", _ => null).Build());

        ex.Message.ShouldContain("Query.runs");
    }

    [Fact]
    public void AddResolver_KnownField_IsSetOnFieldDefinition()
    {
        FieldResolver resolver = _ => new ValueTask<object?>("x");

        var schema = SchemaBuilder.FromSdl(RunsSdl).AddResolver("Query", "run", resolver).Build();

        schema.QueryType.Fields["run"].Resolver.ShouldBeSameAs(resolver);
        schema.QueryType.Fields["node"].Resolver.ShouldBeNull();
    }

    [Fact]
    public async Task AddResolver_FuncReturningTask_IsAwaited()
    {
        var schema = SchemaBuilder.FromSdl(RunsSdl)
            .AddResolver("Query", "run", _ => Task.FromResult(new RunModel("r1", "n", 1)))
            .Build();

        var value = await schema.QueryType.Fields["run"].Resolver!(new FakeContext(null));

        value.ShouldBeOfType<RunModel>().Id.ShouldBe("r1");
    }

    [Fact]
    public void BindRuntimeType_MemberMissing_ThrowsNamingTheField()
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl(RunsSdl).BindRuntimeType<IncompleteRun>("Run").Build());

        ex.Errors.ShouldHaveSingleItem().ShouldContain("Run.summary");
        ex.Message.ShouldContain("\"Summary\"");
    }

    [Fact]
    public void BindRuntimeType_MemberMissingButDefaultResolver_Builds()
    {
        FieldResolver fallback = _ => new ValueTask<object?>("fallback");

        var schema = SchemaBuilder.FromSdl(RunsSdl).BindRuntimeType<IncompleteRun>("Run").UseDefaultResolver(fallback).Build();

        ((ObjectType)schema.GetType("Run")!).Fields["summary"].Resolver.ShouldBeSameAs(fallback);
        schema.QueryType.Fields["run"].Resolver.ShouldBeSameAs(fallback);
    }

    [Fact]
    public async Task BindRuntimeType_PropertiesAndMethods_ResolveThroughCompiledDelegates()
    {
        var schema = SchemaBuilder.FromSdl(RunsSdl).BindRuntimeType<RunModel>("Run").Build();
        var run = (ObjectType)schema.GetType("Run")!;
        var parent = new RunModel("r1", "nightly", 1200);

        (await run.Fields["id"].Resolver!(new FakeContext(parent))).ShouldBe("r1");
        (await run.Fields["durationMs"].Resolver!(new FakeContext(parent))).ShouldBe(1200);
        (await run.Fields["summary"].Resolver!(new FakeContext(parent))).ShouldBe("nightly took 1200 ms");
        (await run.Fields["status"].Resolver!(new FakeContext(parent))).ShouldBe("PASSED");
        (await run.Fields["name"].Resolver!(new FakeContext("not a run"))).ShouldBeNull();
    }

    [Fact]
    public async Task BindRuntimeType_Dictionary_ReadsKeys()
    {
        var schema = SchemaBuilder.FromSdl(RunsSdl).BindRuntimeType<IReadOnlyDictionary<string, object?>>("Run").Build();
        var run = (ObjectType)schema.GetType("Run")!;
        var parent = new Dictionary<string, object?> { ["name"] = "nightly" };

        (await run.Fields["name"].Resolver!(new FakeContext(parent))).ShouldBe("nightly");
        (await run.Fields["id"].Resolver!(new FakeContext(parent))).ShouldBeNull();
    }

    [Fact]
    public void BindRuntimeType_AbstractTypes_ResolveByClrType()
    {
        var schema = SchemaBuilder.FromSdl(RunsSdl).BindRuntimeType<RunModel>("Run").Build();
        var node = (InterfaceType)schema.GetType("Node")!;

        node.ResolveType!(new RunModel("r", "n", 1), new FakeContext(null)).ShouldBeSameAs(schema.GetType("Run"));
        node.ResolveType!("other", new FakeContext(null)).ShouldBeNull();
        ((ObjectType)schema.GetType("Run")!).IsTypeOf!(new RunModel("r", "n", 1)).ShouldBeTrue();
    }

    [Fact]
    public void AddTypeResolver_Interface_IsUsed()
    {
        TypeResolver resolver = (_, _) => null;

        var schema = SchemaBuilder.FromSdl(RunsSdl).AddTypeResolver("Node", resolver).Build();

        ((InterfaceType)schema.GetType("Node")!).ResolveType.ShouldBeSameAs(resolver);
    }

    [Fact]
    public void AddTypeResolver_NotAbstract_Throws()
    {
        var ex = Should.Throw<SchemaException>(() => SchemaBuilder.FromSdl(RunsSdl).AddTypeResolver("Run", (_, _) => null).Build());

        ex.Message.ShouldContain("\"Run\"");
    }

    [Fact]
    public void BindEnum_ClrEnum_MapsValuesIgnoringCaseAndUnderscores()
    {
        var schema = SchemaBuilder.FromSdl(RunsSdl).BindEnum<RunStatus>("Status").Build();
        var status = (EnumType)schema.GetType("Status")!;

        status.GetValue("IN_PROGRESS")!.Value.ShouldBe(RunStatus.InProgress);
        status.Serialize(RunStatus.Passed).ShouldBe("PASSED");
        status.ParseLiteral(new EnumValueNode { Value = "IN_PROGRESS" }).ShouldBe(RunStatus.InProgress);
    }

    [Fact]
    public void EnumSerialize_UnknownValue_Throws()
    {
        var schema = SchemaBuilder.FromSdl(RunsSdl).Build();
        var status = (EnumType)schema.GetType("Status")!;

        Should.Throw<ScalarCoercionException>(() => status.Serialize("passed"));
        Should.Throw<ScalarCoercionException>(() => status.ParseValue(1L));
        Should.Throw<ScalarCoercionException>(() => status.ParseLiteral(new StringValueNode { Value = "PASSED" }));
    }

    private enum RunStatus
    {
        InProgress,
        Passed,
    }

    private sealed record IncompleteRun(string Id, string Name, int? DurationMs, string Status);

    private sealed record RunModel(string Id, string Name, int DurationMs)
    {
        public string Status { get; init; } = "PASSED";

        public Task<string> SummaryAsync(CancellationToken cancellationToken) => Task.FromResult($"{Name} took {DurationMs} ms");
    }

    private sealed class FakeContext(object? parent) : IResolverContext
    {
        public object? Parent { get; } = parent;

        public ObjectType ParentType => throw new NotSupportedException();

        public FieldDefinition Field => throw new NotSupportedException();

        public IReadOnlyList<FieldNode> FieldNodes => [];

        public IReadOnlyDictionary<string, object?> Arguments { get; } = new Dictionary<string, object?>();

        public Schema Schema => throw new NotSupportedException();

        public OperationDefinitionNode Operation => throw new NotSupportedException();

        public IReadOnlyDictionary<string, object?> Variables { get; } = new Dictionary<string, object?>();

        public IReadOnlyList<object> Path => [];

        public IServiceProvider? Services => null;

        public IDictionary<string, object?> ContextData { get; } = new Dictionary<string, object?>();

        public CancellationToken CancellationToken => CancellationToken.None;

        public IDataLoaderScope DataLoaders => throw new NotSupportedException();

        public T? ArgumentValue<T>(string name) => default;

        public bool IsSelected(string fieldName) => false;
    }
}
