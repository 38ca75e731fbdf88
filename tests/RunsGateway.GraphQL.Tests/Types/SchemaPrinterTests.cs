using RunsGateway.GraphQL.Tests.Conformance;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Types;

public sealed class SchemaPrinterTests
{
    public static TheoryData<string> ExecutionSchemas()
    {
        var data = new TheoryData<string>();
        foreach (var corpus in CorpusLocator.Directories())
        {
            var execution = Path.Combine(corpus, "execution");
            if (Directory.Exists(execution))
            {
                foreach (var file in Directory.GetFiles(execution, "schema.graphql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    data.Add(file);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Print_SchemaWithConventionalRoots_OmitsSchemaDefinitionAndBuiltIns()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a(x: Int = 1): String }").Build();

        SchemaPrinter.Print(schema).ShouldBe("type Query {\n  a(x: Int = 1): String\n}\n");
    }

    [Fact]
    public void Print_DescriptionsDeprecationsAndDefaults_GraphQLJsStyle()
    {
        var schema = SchemaBuilder.FromSdl("""
            "The API."
            schema { query: Root }

            "Marks things."
            directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION

            type Root {
              "A field."
              a(
                "An argument."
                x: [Color!] = [RED]
              ): String @deprecated(reason: "Use b.")
              b: Int @deprecated
            }

            enum Color {
              "Red."
              RED
              GREEN @deprecated(reason: "Gone.")
            }

            input Key @oneOf { id: ID, sku: String }

            scalar Date @specifiedBy(url: "https://example.com/date")
            """).Build();

        var printed = SchemaPrinter.Print(schema);

        printed.ShouldBe(""""
            """The API."""
            schema {
              query: Root
            }

            """Marks things."""
            directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION

            type Root {
              """A field."""
              a(
                """An argument."""
                x: [Color!] = [RED]
              ): String @deprecated(reason: "Use b.")
              b: Int @deprecated
            }

            enum Color {
              """Red."""
              RED
              GREEN @deprecated(reason: "Gone.")
            }

            input Key @oneOf {
              id: ID
              sku: String
            }

            scalar Date @specifiedBy(url: "https://example.com/date")

            """");
    }

    [Theory]
    [MemberData(nameof(ExecutionSchemas))]
    public void Print_ExecutionSuiteSchema_RoundTripsToTheSameSchema(string path)
    {
        var original = SchemaBuilder.FromSdl(File.ReadAllText(path)).Build();

        var printed = SchemaPrinter.Print(original);
        var rebuilt = SchemaBuilder.FromSdl(printed).Build();

        SchemaPrinter.Print(rebuilt).ShouldBe(printed);
        rebuilt.Types.Keys.Order(StringComparer.Ordinal).ShouldBe(original.Types.Keys.Order(StringComparer.Ordinal));
        rebuilt.Description.ShouldBe(original.Description);
        foreach (var type in original.Types.Values.OfType<ComplexType>())
        {
            var copy = (ComplexType)rebuilt.GetType(type.Name)!;
            copy.Description.ShouldBe(type.Description);
            copy.Fields.Values.Select(f => f.ToString() + f.DeprecationReason).ShouldBe(type.Fields.Values.Select(f => f.ToString() + f.DeprecationReason));
        }
    }
}
