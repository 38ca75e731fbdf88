using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Types;

public sealed class SchemaTests
{
    [Fact]
    public void Constructor_CodeFirstTypesWithCycles_CollectsReachableTypes()
    {
        InterfaceType node = null!;
        ObjectType user = null!;
        node = new InterfaceType("Node", () => [new FieldDefinition("id", new NonNullType(Scalars.ID))]);
        user = new ObjectType(
            "User",
            () =>
            [
                new FieldDefinition("id", new NonNullType(Scalars.ID)),
                new FieldDefinition("friends", new ListType(new NonNullType(user))),
            ],
            () => [node]);
        var query = new ObjectType("Query", [new FieldDefinition("node", node) { Arguments = [new InputValueDefinition("id", new NonNullType(Scalars.ID))] }]);

        var schema = new Schema(query, types: [user]);

        schema.GetType("User").ShouldBeSameAs(user);
        schema.GetPossibleTypes(node).ShouldBe([user]);
        schema.IsPossibleType(node, user).ShouldBeTrue();
        SchemaValidator.Validate(schema).ShouldBeEmpty();
        user.Fields["friends"].Type.ToString().ShouldBe("[User!]");
    }

    [Fact]
    public void Constructor_TwoTypesWithOneName_Throws()
    {
        var first = new ObjectType("Thing", [new FieldDefinition("a", Scalars.Int)]);
        var second = new ObjectType("Thing", [new FieldDefinition("b", Scalars.Int)]);
        var query = new ObjectType("Query", [new FieldDefinition("first", first), new FieldDefinition("second", second)]);

        var ex = Should.Throw<SchemaException>(() => new Schema(query));

        ex.Message.ShouldContain("\"Thing\"");
    }

    [Fact]
    public void TypeFromAst_WrappedAndUnknownNames()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: Int }").Build();

        schema.TypeFromAst(Parser.ParseType("[Int!]!"))!.ToString().ShouldBe("[Int!]!");
        schema.TypeFromAst(Parser.ParseType("[Nope]")).ShouldBeNull();
    }

    [Fact]
    public void TypePredicates_FollowTheSpec()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: U } union U = Query input I { x: Int } enum E { A }").Build();
        var union = schema.GetType("U")!;
        var input = schema.GetType("I")!;
        var enumType = schema.GetType("E")!;

        new NonNullType(new ListType(union)).NamedType().ShouldBeSameAs(union);
        union.IsAbstractType().ShouldBeTrue();
        union.IsCompositeType().ShouldBeTrue();
        union.IsInputType().ShouldBeFalse();
        input.IsInputType().ShouldBeTrue();
        input.IsOutputType().ShouldBeFalse();
        enumType.IsInputType().ShouldBeTrue();
        enumType.IsOutputType().ShouldBeTrue();
        enumType.IsLeafType().ShouldBeTrue();
        new ListType(enumType).IsLeafType().ShouldBeFalse();
        TypeComparators.IsEqualType(new ListType(enumType), new ListType(enumType)).ShouldBeTrue();
        TypeComparators.IsEqualType(new ListType(enumType), new NonNullType(new ListType(enumType))).ShouldBeFalse();
    }

    [Fact]
    public void SpecNames_RoundTrip()
    {
        TypeKind.InputObject.ToSpecName().ShouldBe("INPUT_OBJECT");
        DirectiveLocation.InputFieldDefinition.ToSpecName().ShouldBe("INPUT_FIELD_DEFINITION");
        SpecNames.TryParseDirectiveLocation("FRAGMENT_SPREAD", out var location).ShouldBeTrue();
        location.ShouldBe(DirectiveLocation.FragmentSpread);
        SpecNames.TryParseDirectiveLocation("NOPE", out _).ShouldBeFalse();
    }
}
