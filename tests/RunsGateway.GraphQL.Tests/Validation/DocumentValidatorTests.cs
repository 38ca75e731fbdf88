using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;
using RunsGateway.GraphQL.Validation;

namespace RunsGateway.GraphQL.Tests.Validation;

/// <summary>Behaviour of <see cref="DocumentValidator"/> and rule edge cases the graphql-js corpus does not cover.</summary>
public sealed class DocumentValidatorTests
{
    private const string Sdl = """
        type Query {
          dog: Dog
          pets: [Pet]
          search(key: ProductKey!): String
          find(key: ProductKey): String
          legacy: String @deprecated(reason: "Use dog.")
          count(value: Int): Int
          anything(value: Json): Json
          ids(id: ID): ID
        }

        type Mutation {
          rename(name: String!): Dog
        }

        interface Pet {
          name: String
        }

        type Dog implements Pet {
          name: String
          nickname: String
          barkVolume: Int
          friends: [Dog]
        }

        input ProductKey @oneOf {
          sku: String
          id: ID
        }

        scalar Json
        """;

    private static readonly Lazy<Schema> TestSchema = new(() => CorpusSchema.Build(Sdl));

    private static Schema Schema => TestSchema.Value;

    private static IReadOnlyList<GraphQLError> Validate(string query, params string[] rules)
        => DocumentValidator.Validate(Schema, Parser.Parse(query), rules.Length == 0 ? null : rules);

    [Fact]
    public void Validate_ValidQuery_ReturnsNoErrors()
    {
        var errors = Validate("query Q($k: ProductKey!) { dog { name ...F } search(key: $k) } fragment F on Dog { nickname }");

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_NoRuleNames_RunsEverySpecifiedRuleWithValidationCode()
    {
        var errors = Validate("{ dog { unknownField } } fragment Unused on Dog { name }");

        errors.Count.ShouldBe(2);
        errors.ShouldAllBe(e => e.Code == ErrorCodes.ValidationFailed);
        errors.Select(e => e.Locations[0]).ShouldBe([new SourceLocation(1, 9), new SourceLocation(1, 26)], ignoreOrder: true);
    }

    [Fact]
    public void Validate_UnknownRuleName_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => Validate("{ dog { name } }", "NoSuchRule"));
    }

    [Fact]
    public void Validate_OptionalRules_RunOnlyWhenNamed()
    {
        const string query = "{ legacy }";

        Validate(query).ShouldBeEmpty();
        Validate(query, "NoDeprecatedCustomRule").Count.ShouldBe(1);
    }

    [Fact]
    public void Validate_MoreErrorsThanMaximum_StopsWithAbortError()
    {
        var document = Parser.Parse("{ a b c d e f }");

        var errors = DocumentValidator.Validate(Schema, document, ["FieldsOnCorrectTypeRule"], maxErrors: 3);

        errors.Count.ShouldBe(4);
        errors[3].Message.ShouldContain("Validation aborted");
        errors[3].Locations.ShouldBeEmpty();
    }

    [Fact]
    public void ValidationRules_Specified_ContainsEverySpecRuleOnceAndNoOptionalRule()
    {
        var names = ValidationRules.Specified.Select(r => r.Name).ToList();

        names.Count.ShouldBe(names.Distinct().Count());
        names.ShouldContain("OverlappingFieldsCanBeMergedRule");
        names.ShouldContain("KnownOperationTypesRule");
        names.ShouldNotContain("NoDeprecatedCustomRule");
        names.ShouldNotContain("NoSchemaIntrospectionCustomRule");
        ValidationRules.Get("NoSchemaIntrospectionCustomRule").Name.ShouldBe("NoSchemaIntrospectionCustomRule");
    }

    [Fact]
    public void OverlappingFields_TwoHundredRepeatedFields_AreValid()
    {
        var fields = string.Concat(Enumerable.Repeat("dog { name friends { name nickname } ...DogFields } ", 200));
        var query = "{ " + fields + "} fragment DogFields on Dog { name barkVolume }";

        var errors = Validate(query, "OverlappingFieldsCanBeMergedRule");

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void OverlappingFields_TwoHundredRepeatedFieldsWithOneConflict_ReportsEachConflictingPair()
    {
        var query = "{ dog { " + string.Concat(Enumerable.Repeat("name ", 200)) + "name: nickname } }";

        var errors = DocumentValidator.Validate(Schema, Parser.Parse(query), ["OverlappingFieldsCanBeMergedRule"], maxErrors: 1000);

        errors.Count.ShouldBe(200);
        errors.ShouldAllBe(e => e.Locations.Count == 2 && e.Locations[1] == new SourceLocation(1, 1009));
    }

    [Fact]
    public void OverlappingFields_ThirteenHundredSiblingFragments_AbortsWithOneErrorInsteadOfComparingEveryPair()
    {
        // Every fragment pair is compared: quadratic work from a 70 KB document unless a budget stops it.
        var spreads = string.Join(' ', Enumerable.Range(0, 1300).Select(i => $"...F{i}"));
        var fragments = string.Join(' ', Enumerable.Range(0, 1300).Select(i => $"fragment F{i} on Query {{ a{i}: legacy }}"));
        var document = Parser.Parse("{ " + spreads + " } " + fragments, ParserOptions.Trusted);

        var errors = DocumentValidator.Validate(Schema, document, ["OverlappingFieldsCanBeMergedRule"]);

        errors.Count.ShouldBe(1);
        errors[0].Message.ShouldContain("Validation aborted");
        errors[0].Code.ShouldBe(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void OverlappingFields_ChainOfSixteenHundredFragments_AbortsWithOneError()
    {
        var chain = string.Join(' ', Enumerable.Range(0, 1600).Select(i => $"fragment F{i} on Query {{ legacy ...F{i + 1} }}"));
        var document = Parser.Parse("{ ...F0 } " + chain + " fragment F1600 on Query { legacy }", ParserOptions.Trusted);

        var errors = DocumentValidator.Validate(Schema, document, ["OverlappingFieldsCanBeMergedRule"]);

        errors.ShouldHaveSingleItem().Message.ShouldContain("Validation aborted");
    }

    [Fact]
    public void OverlappingFields_ManyFragmentsSpreadingEachOther_CompletesAndFindsNestedConflict()
    {
        // Fragment Fi spreads F(i+1) twice: without memoizing fragment pairs this is exponential.
        var fragments = string.Concat(Enumerable.Range(0, 40).Select(i => $"fragment F{i} on Dog {{ name ...F{i + 1} ...F{i + 1} }} "));
        var query = "{ dog { ...F0 } } " + fragments + "fragment F40 on Dog { name: nickname }";

        var errors = Validate(query, "OverlappingFieldsCanBeMergedRule");

        errors.ShouldNotBeEmpty();
    }

    [Fact]
    public void VariablesInAllowedPosition_NullableVariableInOneOfFieldOfNonNullArgument_IsRejected()
    {
        // graphql-js 16 misses this form; the spec's IsNonNullPosition rejects it like the nullable-argument form.
        var errors = Validate("query ($sku: String) { search(key: { sku: $sku }) }", "VariablesInAllowedPositionRule");

        errors.Count.ShouldBe(1);
        errors[0].Locations.ShouldBe([new SourceLocation(1, 8), new SourceLocation(1, 43)]);
    }

    [Fact]
    public void VariablesInAllowedPosition_NullableVariableInOneOfFieldOfNullableArgument_IsRejected()
    {
        var errors = Validate("query ($sku: String) { find(key: { sku: $sku }) }", "VariablesInAllowedPositionRule");

        errors.Count.ShouldBe(1);
    }

    [Fact]
    public void VariablesInAllowedPosition_NonNullVariableInOneOfField_IsAllowed()
    {
        Validate("query ($sku: String!) { search(key: { sku: $sku }) }").ShouldBeEmpty();
    }

    [Fact]
    public void KnownOperationTypes_OperationWithoutRootType_IsRejected()
    {
        var errors = Validate("subscription { dog { name } }", "KnownOperationTypesRule");

        errors.Count.ShouldBe(1);
        errors[0].Locations.ShouldBe([new SourceLocation(1, 1)]);
        Validate("mutation { rename(name: \"x\") { name } }", "KnownOperationTypesRule").ShouldBeEmpty();
    }

    [Fact]
    public void ValuesOfCorrectType_IntOutsideThirtyTwoBits_IsRejected()
    {
        Validate("{ count(value: 2147483647) }").ShouldBeEmpty();

        var errors = Validate("{ count(value: 2147483648) }", "ValuesOfCorrectTypeRule");

        errors.Count.ShouldBe(1);
        errors[0].Locations.ShouldBe([new SourceLocation(1, 16)]);
    }

    [Fact]
    public void ValuesOfCorrectType_CustomScalarLiteral_AcceptsAnyShape()
    {
        Validate("{ anything(value: { a: [1, \"two\", { b: null }] }) ids(id: 4) }").ShouldBeEmpty();
    }

    [Fact]
    public void MaxIntrospectionDepth_FragmentFanOut_CompletesWithoutError()
    {
        var fragments = string.Concat(Enumerable.Range(0, 30).Select(i => $"fragment T{i} on __Type {{ name ofType {{ ...T{i + 1} ...T{i + 1} }} }} "));
        var query = "{ __schema { types { ...T0 } } } " + fragments + "fragment T30 on __Type { kind }";

        var errors = DocumentValidator.Validate(Schema, Parser.Parse(query), ["MaxIntrospectionDepthRule"]);

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void NoFragmentCycles_LongChainClosingOnItself_ReportsOneCycleThroughEverySpread()
    {
        var fragments = string.Concat(Enumerable.Range(0, 50).Select(i => $"fragment C{i} on Dog {{ ...C{(i + 1) % 50} }} "));

        var errors = Validate("{ dog { ...C0 } } " + fragments, "NoFragmentCyclesRule");

        errors.Count.ShouldBe(1);
        errors[0].Locations.Count.ShouldBe(50);
    }

    [Fact]
    public void OverlappingFields_TenThousandRepeatedLeafFields_AreValid()
    {
        var query = "{ dog { " + string.Concat(Enumerable.Repeat("name nickname ", 10_000)) + "} }";

        var errors = DocumentValidator.Validate(Schema, Parser.Parse(query));

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_MetaFields_AreKnownWhereTheSpecAllowsThem()
    {
        Validate("{ __typename dog { __typename } pets { __typename } __schema { types { name } } __type(name: \"Dog\") { name } }")
            .ShouldBeEmpty();

        var errors = Validate("{ dog { __schema { types { name } } } }", "FieldsOnCorrectTypeRule");

        errors.Count.ShouldBe(1);
        errors[0].Locations.ShouldBe([new SourceLocation(1, 9)]);
    }

    [Fact]
    public void NoSchemaIntrospection_IntrospectionQuery_ReportsEveryIntrospectionTypedField()
    {
        var errors = Validate("{ dog { name } __schema { queryType { name } } }", "NoSchemaIntrospectionCustomRule");

        errors.Select(e => e.Locations[0]).ShouldBe([new SourceLocation(1, 16), new SourceLocation(1, 27)]);
    }

    [Fact]
    public void SingleFieldSubscriptions_SkipOrIncludeOnRootSelection_IsRejected()
    {
        var schema = CorpusSchema.Build("type Query { a: String } type Subscription { events: String other: String }");
        var document = Parser.Parse("subscription ($b: Boolean!) { events @include(if: $b) }");

        var errors = DocumentValidator.Validate(schema, document, ["SingleFieldSubscriptionsRule"]);

        errors.Count.ShouldBe(1);
        errors[0].Locations.ShouldBe([new SourceLocation(1, 38)]);
    }

    [Fact]
    public void Validate_SameDocumentOnManyThreads_GivesTheSameErrors()
    {
        var document = Parser.Parse("query ($v: Int) { dog { name: nickname name } count(value: \"x\") } fragment Unused on Dog { name }");
        var expected = DocumentValidator.Validate(Schema, document).Select(e => e.ToString()).ToList();

        var results = new List<string>[16];
        Parallel.For(0, results.Length, i => results[i] = [.. DocumentValidator.Validate(Schema, document).Select(e => e.ToString())]);

        expected.Count.ShouldBe(4);
        results.ShouldAllBe(r => r.SequenceEqual(expected));
    }

    [Fact]
    public void OverlappingFields_RepeatedSelectionsAndOneDifferent_ReportsEveryPairWithTheDifferentOne()
    {
        var query = "{ " + string.Concat(Enumerable.Repeat("dog { name } ", 100)) + "dog { name: nickname } }";

        var errors = DocumentValidator.Validate(Schema, Parser.Parse(query), ["OverlappingFieldsCanBeMergedRule"], maxErrors: 1000);

        errors.Count.ShouldBe(100);
        errors.ShouldAllBe(e => e.Locations.Count == 4);
    }

    [Fact]
    public void OverlappingFields_RepeatedSelectionsWithInnerConflict_ReportsInnerAndPairwiseConflicts()
    {
        var query = "{ " + string.Concat(Enumerable.Repeat("dog { name name: nickname } ", 3)) + "}";

        var errors = Validate(query, "OverlappingFieldsCanBeMergedRule");

        // One conflict inside each of the three selections, and one between each of the three pairs.
        errors.Count.ShouldBe(6);
    }

    [Fact]
    public void NoFragmentCycles_ThousandsOfChainedFragmentsOnSmallStack_ReportsTheCycleWithoutOverflow()
    {
        const int count = 5000;
        var fragments = string.Concat(Enumerable.Range(0, count).Select(i => $"fragment C{i} on Dog {{ ...C{(i + 1) % count} }} "));
        var document = Parser.Parse("{ dog { ...C0 } } " + fragments);
        IReadOnlyList<GraphQLError>? errors = null;

        var thread = new Thread(() => errors = DocumentValidator.Validate(Schema, document, ["NoFragmentCyclesRule"]), 256 * 1024);
        thread.Start();
        thread.Join();

        errors.ShouldNotBeNull();
        errors.Count.ShouldBe(1);
        errors[0].Locations.Count.ShouldBe(count);
    }

    [Fact]
    public void Validate_NestingBeyondTheStack_ReturnsAnErrorInsteadOfCrashing()
    {
        // Two parallel chains of fragments nest selections thousands of levels deep; the merging rule compares them level by level.
        const int count = 2000;
        string Chain(string prefix) => string.Concat(Enumerable.Range(0, count).Select(i => $"fragment {prefix}{i} on Dog {{ friends {{ ...{prefix}{i + 1} }} }} "))
            + $"fragment {prefix}{count} on Dog {{ name }} ";
        var document = Parser.Parse("{ dog { ...N0 ...M0 } } " + Chain("N") + Chain("M"), ParserOptions.Trusted);
        IReadOnlyList<GraphQLError>? errors = null;

        var thread = new Thread(() => errors = DocumentValidator.Validate(Schema, document, ["OverlappingFieldsCanBeMergedRule"]), 256 * 1024);
        thread.Start();
        thread.Join();

        errors.ShouldNotBeNull();
        errors.Count.ShouldBe(1);
        errors[0].Code.ShouldBe(ErrorCodes.ValidationFailed);
        errors[0].Message.ShouldContain("nested too deeply");
    }
}
