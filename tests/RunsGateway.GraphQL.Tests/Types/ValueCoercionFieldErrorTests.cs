using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Types;

/// <summary>
/// One error per invalid input field, as graphql-js reports: a field whose value fails coercion gets that coercion error
/// only, never a second "must be non-null" or "was not provided" error for the same field (issue 10).
/// </summary>
public sealed class ValueCoercionFieldErrorTests
{
    private static readonly Schema Schema = SchemaBuilder.FromSdl("""
        type Query { echo(req: String): String }

        input Required { n: Int!, f: Float!, s: String!, b: Boolean!, id: ID!, e: Color!, inner: Inner!, list: [Int!]! }
        input Inner { n: Int! }
        input Key @oneOf { n: Int, s: String, inner: Inner }
        enum Color { RED GREEN }
        """).Build();

    public static TheoryData<string, object?> WrongValues() => new()
    {
        { "n", "one" },
        { "f", "one" },
        { "s", 1L },
        { "b", 1L },
        { "id", true },
        { "e", "BLUE" },
        { "inner", 1L },
        { "list", new List<object?> { "x" } },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void TryCoerceVariableValues_NonNullFieldOfWrongType_ReportsOneError(string field, object? wrong)
    {
        var input = Valid();
        input[field] = wrong;

        var errors = Coerce("query($v: Required) { echo }", input);

        errors.ShouldHaveSingleItem().Message.ShouldContain($"at \"v.{field}");
    }

    [Fact]
    public void TryCoerceVariableValues_NestedNonNullFieldOfWrongType_ReportsOneError()
    {
        var input = Valid();
        input["inner"] = new Dictionary<string, object?> { ["n"] = "one" };

        var errors = Coerce("query($v: Required) { echo }", input);

        errors.ShouldHaveSingleItem().Message.ShouldContain("at \"v.inner.n\"");
    }

    [Theory]
    [InlineData("n")]
    [InlineData("s")]
    public void TryCoerceVariableValues_OneOfFieldOfWrongType_ReportsOneError(string field)
    {
        var input = new Dictionary<string, object?> { [field] = field == "n" ? "one" : 1L };

        var errors = Coerce("query($v: Key) { echo }", input);

        errors.ShouldHaveSingleItem().Message.ShouldContain($"at \"v.{field}\"");
    }

    [Fact]
    public void TryCoerceVariableValues_OneOfNestedFieldOfWrongType_ReportsOneError()
    {
        var input = new Dictionary<string, object?> { ["inner"] = new Dictionary<string, object?> { ["n"] = "one" } };

        var errors = Coerce("query($v: Key) { echo }", input);

        errors.ShouldHaveSingleItem().Message.ShouldContain("at \"v.inner.n\"");
    }

    [Fact]
    public void TryCoerceVariableValues_OneOfExplicitNull_StillReportsMustBeNonNull()
    {
        var errors = Coerce("query($v: Key) { echo }", new Dictionary<string, object?> { ["n"] = null });

        errors.ShouldHaveSingleItem().Message.ShouldContain("must be non-null");
    }

    private static Dictionary<string, object?> Valid() => new()
    {
        ["n"] = 1L, ["f"] = 1.5, ["s"] = "s", ["b"] = true, ["id"] = "7", ["e"] = "RED",
        ["inner"] = new Dictionary<string, object?> { ["n"] = 2L }, ["list"] = new List<object?> { 1L },
    };

    private static IReadOnlyList<GraphQLError> Coerce(string query, Dictionary<string, object?> value)
    {
        var operation = Parser.Parse(query).Definitions.OfType<OperationDefinitionNode>().Single();
        ValueCoercion.TryCoerceVariableValues(Schema, operation, new Dictionary<string, object?> { ["v"] = value }, out _, out var errors)
            .ShouldBeFalse();
        return errors;
    }
}
