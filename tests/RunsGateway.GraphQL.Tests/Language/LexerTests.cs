using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Language;

/// <summary>Lexical cases beyond the conformance corpus, observed through the parser.</summary>
public sealed class LexerTests
{
    [Theory]
    [InlineData("{ f(a: \"", 0xD83D, "\") }", 9)]
    [InlineData("{ f(a: \"x", 0xDE00, "\") }", 10)]
    [InlineData("{ f(a: \"\"\"", 0xD83D, "\"\"\") }", 11)]
    public void Parse_LoneSurrogateInsideString_FailsAtTheSurrogate(string before, int surrogate, string after, int column)
    {
        // Built at run time: attribute strings cannot carry lone surrogates.
        var source = before + (char)surrogate + after;

        var exception = Should.Throw<GraphQLException>(() => Parser.Parse(source));

        exception.Errors.Single().Locations.Single().ShouldBe(new SourceLocation(1, column));
        exception.Errors.Single().Message.ShouldStartWith("Syntax Error: Invalid character within String");
    }

    [Fact]
    public void Parse_LoneSurrogateOutsideString_IsAnInvalidCharacter()
    {
        var exception = Should.Throw<GraphQLException>(() => Parser.Parse("{ a " + (char)0xD83D + " }"));

        exception.Errors.Single().Message.ShouldBe("Syntax Error: Invalid character: U+D83D.");
    }

    [Fact]
    public void Parse_LoneSurrogateInComment_IsAnInvalidCharacterAtItsPosition()
    {
        var exception = Should.Throw<GraphQLException>(() => Parser.Parse("{ a } # note " + (char)0xDC00 + " end"));

        exception.Errors.Single().Locations.Single().ShouldBe(new SourceLocation(1, 14));
    }

    [Fact]
    public void Parse_BlockStringSpanningLines_KeepsLaterTokenLocationsRight()
    {
        const string source = "{ f(a: \"\"\"\r\n  one\r\n  two\"\"\") g }";

        var selections = ((OperationDefinitionNode)Parser.Parse(source).Definitions[0]).SelectionSet.Selections;

        ((FieldNode)selections[1]).Location.ToSourceLocation().ShouldBe(new SourceLocation(3, 11));
        ((FieldNode)selections[0]).Arguments[0].Value.ShouldBeOfType<StringValueNode>().Value.ShouldBe("one\ntwo");
    }

    [Theory]
    [InlineData("-0", "IntValue")]
    [InlineData("0.5e-3", "FloatValue")]
    [InlineData("12E+2", "FloatValue")]
    [InlineData("123", "IntValue")]
    public void ParseValue_Numbers_KeepTheirTextAndKind(string source, string kind)
    {
        var value = Parser.ParseValue(source);

        value.Kind.ToString().ShouldBe(kind);
        Printer.Print(value).ShouldBe(source);
    }

    [Fact]
    public void Parse_EscapedUnicodeOutsideTheBmp_DecodesToASurrogatePair()
    {
        var value = Parser.ParseValue("\"\\u{1D11E}\\uD834\\uDD1E\"").ShouldBeOfType<StringValueNode>().Value;

        value.ShouldBe("\U0001D11E\U0001D11E");
        value.Length.ShouldBe(4);
    }
}
