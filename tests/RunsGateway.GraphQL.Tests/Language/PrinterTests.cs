using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Language;

public sealed class PrinterTests
{
    [Fact]
    public void Print_Query_UsesGraphQLJsLayout()
    {
        var document = Parser.Parse("query Q($a:Int=1,$b:[String!]!)@live{x:f(a:$a,b:{c:[1,2]})@skip(if:false){...F ...on T{g} ...@include(if:true){h}}}");

        Printer.Print(document).ShouldBe("""
            query Q($a: Int = 1, $b: [String!]!) @live {
              x: f(a: $a, b: {c: [1, 2]}) @skip(if: false) {
                ...F
                ... on T {
                  g
                }
                ... @include(if: true) {
                  h
                }
              }
            }
            """);
    }

    [Fact]
    public void Print_AnonymousQueryWithoutVariables_UsesShorthand()
    {
        Printer.Print(Parser.Parse("query { a }")).ShouldBe("{\n  a\n}");
    }

    [Fact]
    public void Print_LongArgumentList_BreaksArgumentsOntoLines()
    {
        var document = Parser.Parse("{ field(first: \"aaaaaaaaaaaaaaaaaaaa\", second: \"bbbbbbbbbbbbbbbbbbbb\", third: \"cccccccccc\") }");

        Printer.Print(document).ShouldBe(
            "{\n  field(\n    first: \"aaaaaaaaaaaaaaaaaaaa\"\n    second: \"bbbbbbbbbbbbbbbbbbbb\"\n    third: \"cccccccccc\"\n  )\n}");
    }

    [Fact]
    public void Print_TypeSystem_PrintsDescriptionsAndClauses()
    {
        const string sdl = """
            "Root" schema @a { query: Q mutation: M }
            type Q implements A & B @k { "doc" f(x: Int = 1 @d): [S!]! @deprecated(reason: "x") }
            union U @u = A | B
            enum E { "first" A B @deprecated }
            input I { a: Int = 1, b: String }
            directive @d(a: Int) repeatable on FIELD | OBJECT
            extend type Q @k
            extend union U = C
            """;

        Printer.Print(Parser.Parse(sdl)).ShouldBe("""
            "Root"
            schema @a {
              query: Q
              mutation: M
            }

            type Q implements A & B @k {
              "doc"
              f(x: Int = 1 @d): [S!]! @deprecated(reason: "x")
            }

            union U @u = A | B

            enum E {
              "first"
              A
              B @deprecated
            }

            input I {
              a: Int = 1
              b: String
            }

            directive @d(a: Int) repeatable on FIELD | OBJECT

            extend type Q @k

            extend union U = C
            """);
    }

    [Fact]
    public void Print_ArgumentWithDescription_PutsArgumentsOnSeparateLines()
    {
        var printed = Printer.Print(Parser.Parse("type T { f(\"the x\" x: Int, y: Int): Int }"));

        printed.ShouldBe("type T {\n  f(\n    \"the x\"\n    x: Int\n    y: Int\n  ): Int\n}");
    }

    [Fact]
    public void Print_ExecutableDescriptions_AreKeptAndReparse()
    {
        const string source = "\"op\" query { a } \"frag\" fragment F on T { a } query V(\"var\" $v: Int) { a }";

        var printed = Printer.Print(Parser.Parse(source));

        printed.ShouldBe("\"op\"\nquery {\n  a\n}\n\n\"frag\"\nfragment F on T {\n  a\n}\n\nquery V(\"var\" $v: Int) {\n  a\n}");
        SyntaxTreeComparer.Describe(Parser.Parse(printed)).ShouldBe(SyntaxTreeComparer.Describe(Parser.Parse(source)));
    }

    [Theory]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nnext\ttab", "\"line\\nnext\\ttab\"")]
    [InlineData("\u0001\u007F\u0085é", "\"\\u0001\\u007F\\u0085é\"")]
    public void PrintString_SpecialCharacters_AreEscapedLikeGraphQLJs(string value, string expected)
    {
        Printer.PrintString(value).ShouldBe(expected);
        Parser.ParseValue(expected).ShouldBeOfType<StringValueNode>().Value.ShouldBe(value);
    }

    [Fact]
    public void Print_NodeCreatedInCode_PrintsWithoutLocations()
    {
        var value = new ObjectValueNode
        {
            Fields =
            [
                new ObjectFieldNode { Name = new NameNode { Value = "list" }, Value = new ListValueNode { Values = [new EnumValueNode { Value = "A" }, new NullValueNode()] } },
                new ObjectFieldNode { Name = new NameNode { Value = "s" }, Value = new StringValueNode { Value = "x" } },
            ],
        };

        Printer.Print(value).ShouldBe("{list: [A, null], s: \"x\"}");
    }
}
