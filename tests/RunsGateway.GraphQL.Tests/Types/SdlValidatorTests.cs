using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;
using RunsGateway.GraphQL.Validation.Sdl;

namespace RunsGateway.GraphQL.Tests.Types;

public sealed class SdlValidatorTests
{
    [Fact]
    public void Validate_ValidSdlAllRules_NoErrors()
    {
        var document = Parser.Parse("""
            directive @tag(name: String!) repeatable on OBJECT
            type Query @tag(name: "a") @tag(name: "b") { a(x: Int): Int @deprecated(reason: "no") }
            extend type Query { b: String }
            """);

        SdlValidator.Validate(document, null).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_UnknownRuleName_Throws()
        => Should.Throw<ArgumentException>(() => SdlValidator.Validate(Parser.Parse("type Query { a: Int }"), null, ["NoSuchRule"]));

    [Fact]
    public void Validate_SingleRule_ReportsOnlyThatRule()
    {
        var document = Parser.Parse("type A { a: Missing } type A { b: Int }");

        var errors = SdlValidator.Validate(document, null, ["UniqueTypeNamesRule"]);

        errors.ShouldHaveSingleItem().Locations.ShouldBe([new SourceLocation(1, 6), new SourceLocation(1, 28)]);
    }

    [Fact]
    public void Validate_ExtensionOfExistingSchema_ReportsRedefinitions()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: Int } enum E { A }").Build();
        var document = Parser.Parse("type Query { b: Int } extend enum E { A } extend type Query { a: Int } directive @include on FIELD");

        var errors = SdlValidator.Validate(document, schema);

        errors.Select(e => e.Message).ShouldBe(
        [
            "Type \"Query\" already exists in the schema. It cannot also be defined in this type definition.",
            "Enum value \"E.A\" already exists in the schema. It cannot also be defined in this type extension.",
            "Field \"Query.a\" already exists in the schema. It cannot also be defined in this type extension.",
            "Directive \"@include\" already exists in the schema. It cannot be redefined.",
        ]);
        errors.ShouldAllBe(e => e.Code == ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void Validate_DuplicateDirectiveArguments_ReportedByUniqueArgumentNames()
    {
        var document = Parser.Parse("type Query { a: Int @deprecated(reason: \"x\", reason: \"y\") }");

        SdlValidator.Validate(document, null, ["UniqueArgumentNamesRule"]).ShouldHaveSingleItem().Locations.Count.ShouldBe(2);
    }
}
