using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Language;

public sealed class ParserTests
{
    [Fact]
    public void Parse_QueryWithEveryExecutableConstruct_BuildsGraphQLJsShapedTree()
    {
        const string source = """
            query Q($id: ID! = "1" @v, $n: [Int]) @op {
              a: user(id: $id, filter: {x: [1, 2.5, true, null, RED]}) @skip(if: false) {
                ...F
                ... on User { name }
              }
            }
            fragment F on User { id }
            """;

        var document = Parser.Parse(source);

        document.Definitions.Count.ShouldBe(2);
        var operation = document.Definitions[0].ShouldBeOfType<OperationDefinitionNode>();
        operation.Operation.ShouldBe(OperationType.Query);
        operation.Name!.Value.ShouldBe("Q");
        operation.Directives.Single().Name.Value.ShouldBe("op");
        operation.VariableDefinitions.Count.ShouldBe(2);
        var id = operation.VariableDefinitions[0];
        id.Variable.Name.Value.ShouldBe("id");
        id.Type.ShouldBeOfType<NonNullTypeNode>().Type.ShouldBeOfType<NamedTypeNode>().Name.Value.ShouldBe("ID");
        id.DefaultValue.ShouldBeOfType<StringValueNode>().Value.ShouldBe("1");
        id.Directives.Single().Name.Value.ShouldBe("v");
        operation.VariableDefinitions[1].Type.ShouldBeOfType<ListTypeNode>();

        var field = operation.SelectionSet.Selections.Single().ShouldBeOfType<FieldNode>();
        field.Alias!.Value.ShouldBe("a");
        field.Name.Value.ShouldBe("user");
        field.ResponseKey.ShouldBe("a");
        field.Arguments[0].Value.ShouldBeOfType<VariableNode>().Name.Value.ShouldBe("id");
        var filter = field.Arguments[1].Value.ShouldBeOfType<ObjectValueNode>();
        var list = filter.Fields.Single().Value.ShouldBeOfType<ListValueNode>();
        list.Values.Select(v => v.Kind).ShouldBe(
            [SyntaxKind.IntValue, SyntaxKind.FloatValue, SyntaxKind.BooleanValue, SyntaxKind.NullValue, SyntaxKind.EnumValue]);
        field.SelectionSet!.Selections[0].ShouldBeOfType<FragmentSpreadNode>().Name.Value.ShouldBe("F");
        field.SelectionSet.Selections[1].ShouldBeOfType<InlineFragmentNode>().TypeCondition!.Name.Value.ShouldBe("User");

        var fragment = document.Definitions[1].ShouldBeOfType<FragmentDefinitionNode>();
        fragment.TypeCondition.Name.Value.ShouldBe("User");
    }

    [Fact]
    public void Parse_Field_RecordsLocationOfAliasAndSpan()
    {
        const string source = "{\n  alias: field(a: 1)\n}";

        var field = (FieldNode)((OperationDefinitionNode)Parser.Parse(source).Definitions[0]).SelectionSet.Selections[0];

        field.Location.Line.ShouldBe(2);
        field.Location.Column.ShouldBe(3);
        source[field.Location.Start..field.Location.End].ShouldBe("alias: field(a: 1)");
        field.Name.Location.ToSourceLocation().ShouldBe(new SourceLocation(2, 10));
    }

    [Fact]
    public void Parse_SchemaDefinitionLanguage_BuildsTypeSystemNodes()
    {
        const string source = """
            "The root"
            schema { query: Q }
            directive @tag(name: String! = "x") repeatable on OBJECT | FIELD_DEFINITION
            interface Node { id: ID! }
            interface Resource implements & Node { id: ID! }
            type Q implements Node & Resource @tag(name: "q") { id: ID! items(first: Int = 10): [String!]! @deprecated }
            union U = | A | B
            enum E { A @deprecated(reason: "no") B }
            input I @oneOf { a: Int b: String }
            extend type Q { more: Int }
            """;

        var definitions = Parser.Parse(source).Definitions;

        definitions.Select(d => d.Kind).ShouldBe(
        [
            SyntaxKind.SchemaDefinition, SyntaxKind.DirectiveDefinition, SyntaxKind.InterfaceTypeDefinition,
            SyntaxKind.InterfaceTypeDefinition, SyntaxKind.ObjectTypeDefinition, SyntaxKind.UnionTypeDefinition,
            SyntaxKind.EnumTypeDefinition, SyntaxKind.InputObjectTypeDefinition, SyntaxKind.ObjectTypeExtension,
        ]);
        definitions[0].ShouldBeOfType<SchemaDefinitionNode>().Description!.Value.ShouldBe("The root");
        var directive = definitions[1].ShouldBeOfType<DirectiveDefinitionNode>();
        directive.Repeatable.ShouldBeTrue();
        directive.Locations.Select(l => l.Value).ShouldBe(["OBJECT", "FIELD_DEFINITION"]);
        definitions[3].ShouldBeOfType<InterfaceTypeDefinitionNode>().Interfaces.Single().Name.Value.ShouldBe("Node");
        var query = definitions[4].ShouldBeOfType<ObjectTypeDefinitionNode>();
        query.Interfaces.Select(i => i.Name.Value).ShouldBe(["Node", "Resource"]);
        query.Fields[1].Arguments.Single().DefaultValue.ShouldBeOfType<IntValueNode>().Value.ShouldBe("10");
        definitions[5].ShouldBeOfType<UnionTypeDefinitionNode>().Types.Select(t => t.Name.Value).ShouldBe(["A", "B"]);
        definitions[6].ShouldBeOfType<EnumTypeDefinitionNode>().Values.Count.ShouldBe(2);
        definitions[7].ShouldBeOfType<InputObjectTypeDefinitionNode>().Directives.Single().Name.Value.ShouldBe("oneOf");
        definitions[8].ShouldBeOfType<ObjectTypeExtensionNode>().Fields.Single().Name.Value.ShouldBe("more");
    }

    [Theory]
    [InlineData("\"\\u{1F600}\"", "\U0001F600")]
    [InlineData("\"\\uD83D\\uDE00\"", "\U0001F600")]
    [InlineData("\"a\\tb\\u00e9\"", "a\tbé")]
    [InlineData("\"\"\"\n    x\n      y\n    \"\"\"", "x\n  y")]
    public void ParseValue_StringLiteral_DecodesEscapesAndBlockIndentation(string source, string expected)
    {
        Parser.ParseValue(source).ShouldBeOfType<StringValueNode>().Value.ShouldBe(expected);
    }

    [Fact]
    public void ParseValue_Variable_IsAllowedButNotInConstValue()
    {
        Parser.ParseValue("[$a]").ShouldBeOfType<ListValueNode>().Values.Single().ShouldBeOfType<VariableNode>();

        var exception = Should.Throw<GraphQLException>(() => Parser.ParseConstValue("[$a]"));

        exception.Errors.Single().Locations.Single().ShouldBe(new SourceLocation(1, 2));
    }

    [Fact]
    public void ParseType_WrappedType_BuildsNestedNodes()
    {
        var type = Parser.ParseType("[[Int!]]!");

        var outer = type.ShouldBeOfType<NonNullTypeNode>().Type.ShouldBeOfType<ListTypeNode>();
        outer.Type.ShouldBeOfType<ListTypeNode>().Type.ShouldBeOfType<NonNullTypeNode>().Type
            .ShouldBeOfType<NamedTypeNode>().Name.Value.ShouldBe("Int");
    }

    [Fact]
    public void ParseType_TrailingTokens_Fails()
    {
        var exception = Should.Throw<GraphQLException>(() => Parser.ParseType("Int Int"));

        exception.Errors.Single().Locations.Single().ShouldBe(new SourceLocation(1, 5));
    }

    [Fact]
    public void Parse_SyntaxError_CarriesCodeMessageAndLocation()
    {
        var exception = Should.Throw<GraphQLException>(() => Parser.Parse("{\n  a(x: 1\n}"));

        var error = exception.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.SyntaxError);
        error.Message.ShouldBe("Syntax Error: Expected Name, found \"}\".");
        error.Locations.ShouldBe([new SourceLocation(3, 1)]);
        error.Path.ShouldBeNull();
        exception.Message.ShouldBe(error.Message);
    }

    [Fact]
    public void Parse_DocumentLongerThanLimit_FailsWithDocumentTooLarge()
    {
        var options = new ParserOptions { MaxDocumentLength = 10 };

        var exception = Should.Throw<GraphQLException>(() => Parser.Parse("{ abcdefghijk }", options));

        exception.Errors.Single().Code.ShouldBe(ErrorCodes.DocumentTooLarge);
        Parser.Parse("{ abcdef }", options).Definitions.Count.ShouldBe(1);
    }

    [Fact]
    public void Parse_MoreTokensThanLimit_FailsWithTooManyTokensAtTheFirstExtraToken()
    {
        var options = new ParserOptions { MaxTokenCount = 4 };

        Parser.Parse("{ a b }", options).Definitions.Count.ShouldBe(1);
        var exception = Should.Throw<GraphQLException>(() => Parser.Parse("{ a b c }", options));

        var error = exception.Errors.Single();
        error.Code.ShouldBe(ErrorCodes.TooManyTokens);
        error.Locations.Single().ShouldBe(new SourceLocation(1, 9));
    }

    [Fact]
    public void Parse_CommentsAndCommas_DoNotCountAsTokens()
    {
        var options = new ParserOptions { MaxTokenCount = 3 };

        Parser.Parse("# a comment\n,,{ ,a, }", options).Definitions.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("{ a { b { c } } }", 3)]
    [InlineData("{ a(x: [[1]]) }", 3)]
    [InlineData("{ a(x: {y: {z: 1}}) }", 3)]
    [InlineData("query ($v: [[Int]]) { a }", 2)]
    public void Parse_NestingAtTheLimit_Succeeds(string source, int maxDepth)
    {
        Parser.Parse(source, new ParserOptions { MaxDepth = maxDepth }).Definitions.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("{ a { b { c { d } } } }", 3, 13)]
    [InlineData("{ a(x: [[[1]]]) }", 3, 10)]
    [InlineData("{ a(x: {y: {z: {w: 1}}}) }", 3, 16)]
    [InlineData("query ($v: [[[Int]]]) { a }", 2, 14)]
    public void Parse_NestingBeyondTheLimit_FailsWithMaxDepthExceeded(string source, int maxDepth, int column)
    {
        var exception = Should.Throw<GraphQLException>(() => Parser.Parse(source, new ParserOptions { MaxDepth = maxDepth }));

        var error = exception.Errors.Single();
        error.Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
        error.Locations.Single().ShouldBe(new SourceLocation(1, column));
    }

    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public void Parse_HundredThousandNestedOpeners_FailsCleanlyWithoutStackOverflow(char opener)
    {
        var source = opener == '{'
            ? "{ a " + string.Concat(Enumerable.Repeat("{ a ", 100_000))
            : "{ a(x: " + new string('[', 100_000) + ") }";

        var exception = Should.Throw<GraphQLException>(() => Parser.Parse(source));

        exception.Errors.Single().Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
    }

    [Fact]
    public void Parse_HugeDepthConfiguredOnDeepInput_IsStoppedByTheStackGuard()
    {
        var source = "{ a(x: " + new string('[', 100_000) + new string(']', 100_000) + ") }";
        var options = new ParserOptions { MaxDepth = int.MaxValue, MaxTokenCount = int.MaxValue };

        // Run on a small stack so the probe, not the depth limit, is what stops the recursion.
        GraphQLException? caught = null;
        var thread = new Thread(() => caught = Record(() => Parser.Parse(source, options)), 256 * 1024);
        thread.Start();
        thread.Join();

        caught.ShouldNotBeNull().Errors.Single().Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
    }

    [Fact]
    public void Parse_DefaultOptions_AcceptTheIntrospectionQuery()
    {
        var source = File.ReadAllText(Path.Combine(Conformance.CorpusLocator.RepositoryCorpus(), "introspection", "query.graphql"));

        var document = Parser.Parse(source);

        document.Definitions.Count.ShouldBe(4);
    }

    [Fact]
    public void ParserOptions_Defaults_AreBounded()
    {
        ParserOptions.Default.MaxDocumentLength.ShouldBe(ParserOptions.DefaultMaxDocumentLength);
        ParserOptions.Default.MaxTokenCount.ShouldBe(ParserOptions.DefaultMaxTokenCount);
        ParserOptions.Default.MaxDepth.ShouldBe(ParserOptions.DefaultMaxDepth);
        ParserOptions.Trusted.MaxDepth.ShouldBeLessThan(int.MaxValue);
    }

    [Fact]
    public void Parse_NonPositiveLimit_IsRejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Parser.Parse("{ a }", new ParserOptions { MaxDepth = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => Parser.Parse("{ a }", new ParserOptions { MaxTokenCount = -1 }));
    }

    private static GraphQLException? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (GraphQLException exception)
        {
            return exception;
        }
    }
}
