using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Types;

public sealed class ValueCoercionTests
{
    private const string Sdl = """
        type Query {
          echo(v: Int = 42, list: [Int], key: ProductKey, filter: Filter = {}, req: String!): String
        }

        input ProductKey @oneOf { id: ID, sku: String }

        input Filter {
          inStock: Boolean = true
          tags: [String!] = []
          sort: [Sort!] = [{field: NAME}]
          color: Color
        }

        input Sort { field: Field!, direction: Direction = ASC }

        enum Field { NAME PRICE }
        enum Direction { ASC DESC }
        enum Color { RED GREEN }
        """;

    private static readonly Schema Schema = SchemaBuilder.FromSdl(Sdl).Build();

    private static FieldDefinition Echo => Schema.QueryType.Fields["echo"];

    [Fact]
    public void CoerceVariableValues_AbsentWithoutDefault_IsAbsentAndExplicitNullIsPresent()
    {
        var operation = Operation("query($a: Int, $b: Int) { echo(req: \"x\") }");

        var values = ValueCoercion.CoerceVariableValues(Schema, operation, Map(("b", null)));

        values.ContainsKey("a").ShouldBeFalse();
        values.ContainsKey("b").ShouldBeTrue();
        values["b"].ShouldBeNull();
    }

    [Fact]
    public void CoerceVariableValues_MissingRequired_ErrorLocatedAtVariableDefinition()
    {
        var operation = Operation("query(\n  $a: Int!) { echo(req: \"x\") }");

        var ex = Should.Throw<GraphQLException>(() => ValueCoercion.CoerceVariableValues(Schema, operation, null));

        var error = ex.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("$a");
        error.Locations.ShouldBe([new SourceLocation(2, 3)]);
        error.Code.ShouldBe(ErrorCodes.BadUserInput);
    }

    [Fact]
    public void CoerceVariableValues_NullForNonNull_Fails()
    {
        var operation = Operation("query($a: Int!) { echo(req: \"x\") }");

        ValueCoercion.TryCoerceVariableValues(Schema, operation, Map(("a", null)), out _, out var errors).ShouldBeFalse();

        errors.ShouldHaveSingleItem().Message.ShouldContain("must not be null");
    }

    [Fact]
    public void CoerceVariableValues_DefaultUsedWhenAbsent()
    {
        var operation = Operation("query($a: [Int] = [1, 2]) { echo(req: \"x\") }");

        var values = ValueCoercion.CoerceVariableValues(Schema, operation, null);

        values["a"].ShouldBe(new List<object?> { 1, 2 });
    }

    [Fact]
    public void CoerceVariableValues_SingleValueForList_IsWrapped()
    {
        var operation = Operation("query($a: [[Int]]) { echo(req: \"x\") }");

        var values = ValueCoercion.CoerceVariableValues(Schema, operation, Map(("a", 5L)));

        values["a"].ShouldBe(new List<object?> { new List<object?> { 5 } });
    }

    [Fact]
    public void CoerceVariableValues_InvalidNestedItem_MessageNamesPath()
    {
        var operation = Operation("query($f: Filter) { echo(req: \"x\") }");
        var input = Map(("f", Map(("tags", new List<object?> { "a", 7L }))));

        ValueCoercion.TryCoerceVariableValues(Schema, operation, input, out _, out var errors).ShouldBeFalse();

        errors.ShouldHaveSingleItem().Message.ShouldContain("at \"f.tags[1]\"");
    }

    [Fact]
    public void CoerceVariableValues_InputObject_AppliesDefaultsInDefinitionOrder()
    {
        var operation = Operation("query($f: Filter) { echo(req: \"x\") }");

        var values = ValueCoercion.CoerceVariableValues(Schema, operation, Map(("f", Map(("color", "RED")))));

        var filter = values["f"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        filter.Keys.ShouldBe(["inStock", "tags", "sort", "color"]);
        filter["inStock"].ShouldBe(true);
        filter["color"].ShouldBe("RED");
        var sort = filter["sort"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!.ShouldHaveSingleItem()
            .ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        sort["field"].ShouldBe("NAME");
        sort["direction"].ShouldBe("ASC");
    }

    [Fact]
    public void CoerceVariableValues_UnknownInputField_Fails()
    {
        var operation = Operation("query($f: Filter) { echo(req: \"x\") }");

        ValueCoercion.TryCoerceVariableValues(Schema, operation, Map(("f", Map(("inStok", true)))), out _, out var errors).ShouldBeFalse();

        errors.ShouldHaveSingleItem().Message.ShouldContain("Did you mean \"inStock\"?");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void CoerceVariableValues_OneOfWithoutExactlyOneField_Fails(int fieldCount)
    {
        var operation = Operation("query($k: ProductKey) { echo(req: \"x\") }");
        var key = fieldCount == 0 ? Map() : Map(("id", "1"), ("sku", "s"));

        ValueCoercion.TryCoerceVariableValues(Schema, operation, Map(("k", key)), out _, out var errors).ShouldBeFalse();

        errors.ShouldHaveSingleItem().Message.ShouldContain("Exactly one key");
    }

    [Fact]
    public void CoerceVariableValues_OneOfWithNullField_Fails()
    {
        var operation = Operation("query($k: ProductKey) { echo(req: \"x\") }");

        ValueCoercion.TryCoerceVariableValues(Schema, operation, Map(("k", Map(("id", null)))), out _, out var errors).ShouldBeFalse();

        errors.ShouldHaveSingleItem().Message.ShouldContain("must be non-null");
    }

    [Fact]
    public void CoerceVariableValues_OneOfWithOneField_Coerced()
    {
        var operation = Operation("query($k: ProductKey) { echo(req: \"x\") }");

        var values = ValueCoercion.CoerceVariableValues(Schema, operation, Map(("k", Map(("id", 12L)))));

        values["k"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["id"].ShouldBe("12");
    }

    [Fact]
    public void CoerceArgumentValues_AbsentArguments_UseDefaultsOrStayAbsent()
    {
        var field = FieldNode("{ echo(req: \"x\") }");

        var args = ValueCoercion.CoerceArgumentValues(Echo.Arguments, field.Arguments, null, field);

        args["v"].ShouldBe(42);
        args.ContainsKey("list").ShouldBeFalse();
        args["req"].ShouldBe("x");
        var filter = args["filter"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        filter.Keys.ShouldBe(["inStock", "tags", "sort"]);
    }

    [Fact]
    public void CoerceArgumentValues_ExplicitNull_IsPresentAsNull()
    {
        var field = FieldNode("{ echo(v: null, req: \"x\") }");

        var args = ValueCoercion.CoerceArgumentValues(Echo.Arguments, field.Arguments, null, field);

        args.ContainsKey("v").ShouldBeTrue();
        args["v"].ShouldBeNull();
    }

    [Fact]
    public void CoerceArgumentValues_MissingRequired_ErrorAtFieldNode()
    {
        var field = FieldNode("{\n  echo }");

        var ex = Should.Throw<GraphQLException>(() => ValueCoercion.CoerceArgumentValues(Echo.Arguments, field.Arguments, null, field));

        ex.Errors[0].Message.ShouldContain("\"req\"");
        ex.Errors[0].Locations.ShouldBe([new SourceLocation(2, 3)]);
    }

    [Fact]
    public void CoerceArgumentValues_VariableNotProvided_UsesArgumentDefault()
    {
        var field = FieldNode("{ echo(v: $missing, req: \"x\") }");

        var args = ValueCoercion.CoerceArgumentValues(Echo.Arguments, field.Arguments, new Dictionary<string, object?>(), field);

        args["v"].ShouldBe(42);
    }

    [Fact]
    public void CoerceArgumentValues_NullVariableForNonNull_Throws()
    {
        var field = FieldNode("{ echo(req: $r) }");

        var ex = Should.Throw<GraphQLException>(() =>
            ValueCoercion.CoerceArgumentValues(Echo.Arguments, field.Arguments, new Dictionary<string, object?> { ["r"] = null }, field));

        ex.Errors[0].Message.ShouldContain("must not be null");
    }

    [Fact]
    public void CoerceArgumentValues_SingleLiteralForList_IsWrapped()
    {
        var field = FieldNode("{ echo(list: 3, req: \"x\") }");

        var args = ValueCoercion.CoerceArgumentValues(Echo.Arguments, field.Arguments, null, field);

        args["list"].ShouldBe(new List<object?> { 3 });
    }

    [Fact]
    public void TryValueFromLiteral_OneOfLiteral_RequiresExactlyOneNonNullField()
    {
        var type = Schema.GetType("ProductKey")!;

        ValueCoercion.TryValueFromLiteral(Parser.ParseConstValue("{id: \"1\"}"), type, null, out _).ShouldBeTrue();
        ValueCoercion.TryValueFromLiteral(Parser.ParseConstValue("{id: \"1\", sku: \"s\"}"), type, null, out _).ShouldBeFalse();
        ValueCoercion.TryValueFromLiteral(Parser.ParseConstValue("{id: null}"), type, null, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryValueFromLiteral_ListItemMissingVariable_BecomesNullUnlessNonNull()
    {
        var nullableItems = new ListType(Scalars.Int);
        var nonNullItems = new ListType(new NonNullType(Scalars.Int));
        var literal = Parser.ParseValue("[1, $x]");

        ValueCoercion.TryValueFromLiteral(literal, nullableItems, new Dictionary<string, object?>(), out var value).ShouldBeTrue();
        value.ShouldBe(new List<object?> { 1, null });
        ValueCoercion.TryValueFromLiteral(literal, nonNullItems, new Dictionary<string, object?>(), out _).ShouldBeFalse();
    }

    [Fact]
    public void IsValidLiteral_ChecksFieldsRequiredFieldsAndLeafs()
    {
        var sort = Schema.GetType("Sort")!;

        ValueCoercion.IsValidLiteral(Parser.ParseConstValue("{field: NAME}"), sort).ShouldBeTrue();
        ValueCoercion.IsValidLiteral(Parser.ParseConstValue("{direction: ASC}"), sort).ShouldBeFalse();
        ValueCoercion.IsValidLiteral(Parser.ParseConstValue("{field: NAME, other: 1}"), sort).ShouldBeFalse();
        ValueCoercion.IsValidLiteral(Parser.ParseConstValue("{field: \"NAME\"}"), sort).ShouldBeFalse();
        ValueCoercion.IsValidLiteral(Parser.ParseValue("{field: $f}"), sort).ShouldBeTrue();
    }

    [Fact]
    public void TryParseLeafLiteral_Invalid_ReturnsCoercionMessage()
    {
        ValueCoercion.TryParseLeafLiteral(Parser.ParseConstValue("1.5"), Scalars.Int, out var message).ShouldBeFalse();

        message.ShouldBe("Int cannot represent non-integer value: 1.5");
    }

    [Fact]
    public void PrintDefaultValue_InputObjectDefault_FillsFieldDefaults()
    {
        var filter = Echo.GetArgument("filter")!;

        ValueCoercion.PrintDefaultValue(filter).ShouldBe("{inStock: true, tags: [], sort: [{field: NAME, direction: ASC}]}");
    }

    [Fact]
    public void AstFromValue_IdAndStrings_UseGraphQLForms()
    {
        LiteralText(ValueCoercion.AstFromValue("123", Scalars.ID)).ShouldBe("123");
        LiteralText(ValueCoercion.AstFromValue("abc", Scalars.ID)).ShouldBe("\"abc\"");
        LiteralText(ValueCoercion.AstFromValue("a\"b\n", Scalars.String)).ShouldBe("\"a\\\"b\\n\"");
        LiteralText(ValueCoercion.AstFromValue(2.5d, Scalars.Float)).ShouldBe("2.5");
        LiteralText(ValueCoercion.AstFromValue(new List<object?> { "a", "b" }, new ListType(Scalars.String))).ShouldBe("[\"a\", \"b\"]");
        ValueCoercion.AstFromValue(null, new NonNullType(Scalars.Int)).ShouldBeNull();
    }

    private static string LiteralText(ValueNode? node) => node is null ? "<null>" : Printer.Print(node);

    private static OperationDefinitionNode Operation(string query)
        => Parser.Parse(query).Definitions.OfType<OperationDefinitionNode>().Single();

    private static FieldNode FieldNode(string query)
        => (FieldNode)Operation(query).SelectionSet.Selections[0];

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
        => entries.ToDictionary(e => e.Key, e => e.Value);
}
