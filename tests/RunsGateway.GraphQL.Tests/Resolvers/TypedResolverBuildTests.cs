using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Resolvers;

/// <summary>Start-up checks: every mismatch between SDL and CLR fails Build() with the type, field and CLR member named.</summary>
public sealed class TypedResolverBuildTests
{
    private const string Sdl = """
        enum Outcome { PASSED FAILED TIMED_OUT }
        type Query { item(id: Int!, outcome: Outcome): Item count: Int! name(text: String): String }
        type Item { id: Int! title: String! }
        """;

    private static SchemaException BuildFails(Action<SchemaBuilder> configure)
    {
        var builder = SchemaBuilder.FromSdl(Sdl);
        configure(builder);
        return Should.Throw<SchemaException>(() => builder.Build());
    }

    [Fact]
    public void Build_MethodForFieldTheSdlLacks_NamesTypeFieldAndMethod()
    {
        var error = BuildFails(b => b.AddResolvers<MisspeltQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Resolver method \"MisspeltQuery.GetCuont\" binds to field \"Query.cuont\", which the schema does not define.");
    }

    [Fact]
    public void Build_FieldWithoutResolverOrProperty_NamesTypeAndField()
    {
        var error = BuildFails(b => b.AddResolvers<GoodQuery>().BindRuntimeType<ItemWithoutTitle>("Item"));

        error.Errors.ShouldContain(e => e.StartsWith("Field \"Item.title\" has no resolver: runtime type \"ItemWithoutTitle\" has no property", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ResolverClassTypeWithUnresolvedField_NamesTheClass()
    {
        var error = BuildFails(b => b.AddResolvers<PartialQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Field \"Query.count\" has no resolver: resolver class \"PartialQuery\" has no method for it and no runtime type is bound to \"Query\".");
    }

    [Fact]
    public void Build_ArgumentOfIncompatibleType_NamesArgumentAndParameter()
    {
        var error = BuildFails(b => b.AddResolvers<WrongArgumentQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Query.item(id:) (WrongArgumentQuery.GetItem parameter id): string cannot represent the GraphQL type Int!.");
    }

    [Fact]
    public void Build_NullableArgumentIntoNonNullableParameter_AsksForNullable()
    {
        var error = BuildFails(b => b.AddResolvers<NonNullableEnumQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Query.item(outcome:) (NonNullableEnumQuery.GetItem parameter outcome): Outcome can be null, but Outcome cannot; use Outcome?.");
    }

    [Fact]
    public void Build_ParameterNamingNoArgument_ListsTheFieldsArguments()
    {
        var error = BuildFails(b => b.AddResolvers<MisspeltArgumentQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Query.item (MisspeltArgumentQuery.GetItem) parameter \"idd\": names no argument of \"Query.item\" (its arguments are id, outcome).");
    }

    [Fact]
    public void Build_ReturnTypeThatCannotBeTheField_NamesFieldAndMethod()
    {
        var error = BuildFails(b => b.AddResolvers<WrongReturnQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Query.count (WrongReturnQuery.GetCount): the return type does not fit the field: string cannot represent Int.");
    }

    [Fact]
    public void Build_NullableReturnForNonNullField_Fails()
    {
        var error = BuildFails(b => b.AddResolvers<NullableCountQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Query.count (NullableCountQuery.GetCount): the return type does not fit the field: int? can be null, but Int! is non-null.");
    }

    [Fact]
    public void Build_NullablePropertyForNonNullField_NamesTheProperty()
    {
        var error = BuildFails(b => b.AddResolvers<GoodQuery>().BindRuntimeType<ItemWithNullableTitle>("Item"));

        error.Errors.ShouldContain("Item.title (ItemWithNullableTitle.Title): the member does not fit the field: string? can be null, but String! is non-null.");
    }

    [Fact]
    public void Build_UnregisteredDataLoader_AsksToRegisterIt()
    {
        var error = BuildFails(b => b.AddResolvers<LoaderQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Query.item (LoaderQuery.GetItemAsync) parameter \"items\": the DataLoader ItemLoader is not registered; add it with AddDataLoader<ItemLoader>().");
    }

    [Fact]
    public void Build_CSharpEnumMissingAGraphQLValue_NamesEnumValueAndMember()
    {
        var error = BuildFails(b => b.AddResolvers<ShortEnumQuery>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Query.item(outcome:) (ShortEnumQuery.GetItem parameter outcome): the GraphQL enum value Outcome.TIMED_OUT has no member in the C# enum ShortOutcome.");
    }

    [Fact]
    public void Build_ResolverClassForMissingType_NamesTheType()
    {
        var error = BuildFails(b => b.AddResolvers<GoodQuery>().AddResolvers<GhostResolvers>().BindRuntimeType<ItemWithTitle>("Item"));

        error.Errors.ShouldContain("Resolver class \"GhostResolvers\" is marked for \"Ghost\", which is not an object type of the schema.");
    }

    [Fact]
    public void Build_MethodAndStringResolverForOneField_Fails()
    {
        var error = BuildFails(b => b.AddResolvers<GoodQuery>().BindRuntimeType<ItemWithTitle>("Item").AddResolver("Query", "count", _ => 1));

        error.Errors.ShouldContain("Field \"Query.count\" has both a resolver method (\"GoodQuery.GetCount\") and a resolver added with AddResolver.");
    }

    [Fact]
    public void Build_GoodResolverClass_Succeeds()
    {
        var schema = SchemaBuilder.FromSdl(Sdl).AddResolvers<GoodQuery>().BindRuntimeType<ItemWithTitle>("Item").Build();

        ((ObjectType)schema.GetType("Query")!).GetField("count")!.Resolver.ShouldNotBeNull();
    }

    public sealed record ItemWithTitle(int Id, string Title);

    public sealed record ItemWithoutTitle(int Id);

    public sealed record ItemWithNullableTitle(int Id, string? Title);

    public enum ShortOutcome
    {
        Passed,
        Failed,
    }

    [QueryType]
    public sealed class GoodQuery
    {
        public static ItemWithTitle? GetItem(int id, Outcome? outcome) => new(id, outcome?.ToString() ?? "none");

        public static int GetCount() => 1;

        public static string? GetName(string? text) => text;
    }

    [QueryType]
    public sealed class MisspeltQuery
    {
        public static ItemWithTitle? GetItem(int id) => new(id, "x");

        public static int GetCuont() => 1;

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class PartialQuery
    {
        public static ItemWithTitle? GetItem(int id) => new(id, "x");

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class WrongArgumentQuery
    {
        public static ItemWithTitle? GetItem(string id) => new(0, id);

        public static int GetCount() => 1;

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class NonNullableEnumQuery
    {
        public static ItemWithTitle? GetItem(int id, Outcome outcome) => new(id, outcome.ToString());

        public static int GetCount() => 1;

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class MisspeltArgumentQuery
    {
        public static ItemWithTitle? GetItem(int idd) => new(idd, "x");

        public static int GetCount() => 1;

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class WrongReturnQuery
    {
        public static ItemWithTitle? GetItem(int id) => new(id, "x");

        public static string GetCount() => "1";

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class NullableCountQuery
    {
        public static ItemWithTitle? GetItem(int id) => new(id, "x");

        public static int? GetCount() => 1;

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class LoaderQuery
    {
        public static ValueTask<ItemWithTitle?> GetItemAsync(int id, ItemLoader items) => items.LoadAsync(id);

        public static int GetCount() => 1;

        public static string? GetName() => null;
    }

    [QueryType]
    public sealed class ShortEnumQuery
    {
        public static ItemWithTitle? GetItem(int id, ShortOutcome? outcome) => new(id, outcome?.ToString() ?? "none");

        public static int GetCount() => 1;

        public static string? GetName() => null;
    }

    [ObjectType("Ghost")]
    public sealed class GhostResolvers
    {
        public static int GetId() => 1;
    }

    public sealed class ItemLoader(IBatchScheduler scheduler) : BatchDataLoader<int, ItemWithTitle>(scheduler)
    {
        protected override Task<IReadOnlyDictionary<int, Result<ItemWithTitle>>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<int, Result<ItemWithTitle>>>(keys.ToDictionary(k => k, k => Result.Success(new ItemWithTitle(k, "x"))));
    }
}
