using System.Collections.Frozen;
using RunsGateway.GraphQL.Validation.Rules;

namespace RunsGateway.GraphQL.Validation;

/// <summary>The executable-document validation rules, by their graphql-js names.</summary>
public static class ValidationRules
{
    /// <summary>
    /// The rules run by default: every executable rule of spec section 5, plus graphql-js's MaxIntrospectionDepthRule,
    /// in graphql-js's <c>specifiedRules</c> order. <c>KnownOperationTypesRule</c> (the spec's Operation Type Existence,
    /// absent from graphql-js 16) is included as well.
    /// </summary>
    public static IReadOnlyList<ValidationRule> Specified { get; } =
    [
        Rule("ExecutableDefinitionsRule", c => new ExecutableDefinitionsVisitor(c)),
        Rule("UniqueOperationNamesRule", c => new UniqueOperationNamesVisitor(c)),
        Rule("LoneAnonymousOperationRule", c => new LoneAnonymousOperationVisitor(c)),
        Rule("KnownOperationTypesRule", c => new KnownOperationTypesVisitor(c)),
        Rule("SingleFieldSubscriptionsRule", c => new SingleFieldSubscriptionsVisitor(c)),
        Rule("KnownTypeNamesRule", c => new KnownTypeNamesVisitor(c)),
        Rule("FragmentsOnCompositeTypesRule", c => new FragmentsOnCompositeTypesVisitor(c)),
        Rule("VariablesAreInputTypesRule", c => new VariablesAreInputTypesVisitor(c)),
        Rule("ScalarLeafsRule", c => new ScalarLeafsVisitor(c)),
        Rule("FieldsOnCorrectTypeRule", c => new FieldsOnCorrectTypeVisitor(c)),
        Rule("UniqueFragmentNamesRule", c => new UniqueFragmentNamesVisitor(c)),
        Rule("KnownFragmentNamesRule", c => new KnownFragmentNamesVisitor(c)),
        Rule("NoUnusedFragmentsRule", c => new NoUnusedFragmentsVisitor(c)),
        Rule("PossibleFragmentSpreadsRule", c => new PossibleFragmentSpreadsVisitor(c)),
        Rule("NoFragmentCyclesRule", c => new NoFragmentCyclesVisitor(c)),
        Rule("UniqueVariableNamesRule", c => new UniqueVariableNamesVisitor(c)),
        Rule("NoUndefinedVariablesRule", c => new NoUndefinedVariablesVisitor(c)),
        Rule("NoUnusedVariablesRule", c => new NoUnusedVariablesVisitor(c)),
        Rule("KnownDirectivesRule", c => new KnownDirectivesVisitor(c)),
        Rule("UniqueDirectivesPerLocationRule", c => new UniqueDirectivesPerLocationVisitor(c)),
        Rule("KnownArgumentNamesRule", c => new KnownArgumentNamesVisitor(c, directivesOnly: false)),
        Rule("UniqueArgumentNamesRule", c => new UniqueArgumentNamesVisitor(c)),
        Rule("ValuesOfCorrectTypeRule", c => new ValuesOfCorrectTypeVisitor(c)),
        Rule("ProvidedRequiredArgumentsRule", c => new ProvidedRequiredArgumentsVisitor(c, directivesOnly: false)),
        Rule("VariablesInAllowedPositionRule", c => new VariablesInAllowedPositionVisitor(c)),
        Rule("OverlappingFieldsCanBeMergedRule", c => new OverlappingFieldsCanBeMergedVisitor(c)),
        Rule("UniqueInputFieldNamesRule", c => new UniqueInputFieldNamesVisitor(c)),
        Rule("MaxIntrospectionDepthRule", c => new MaxIntrospectionDepthVisitor(c)),
    ];

    /// <summary>
    /// Rules that run only when named: the directive-only variants of the argument rules (subsets of
    /// KnownArgumentNamesRule and ProvidedRequiredArgumentsRule) and graphql-js's optional custom rules.
    /// </summary>
    public static IReadOnlyList<ValidationRule> Optional { get; } =
    [
        Rule("KnownArgumentNamesOnDirectivesRule", c => new KnownArgumentNamesVisitor(c, directivesOnly: true)),
        Rule("ProvidedRequiredArgumentsOnDirectivesRule", c => new ProvidedRequiredArgumentsVisitor(c, directivesOnly: true)),
        Rule("NoDeprecatedCustomRule", c => new NoDeprecatedVisitor(c)),
        Rule("NoSchemaIntrospectionCustomRule", c => new NoSchemaIntrospectionVisitor(c)),
    ];

    private static readonly FrozenDictionary<string, ValidationRule> ByName =
        Specified.Concat(Optional).ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The names of every rule, specified and optional.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>Finds a rule by its graphql-js name (for example <c>FieldsOnCorrectTypeRule</c>).</summary>
    public static bool TryGet(string name, out ValidationRule rule)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name, out rule!);
    }

    /// <summary>Returns the rule with this graphql-js name.</summary>
    /// <exception cref="ArgumentException">No rule has this name.</exception>
    public static ValidationRule Get(string name)
        => TryGet(name, out var rule) ? rule : throw new ArgumentException($"Unknown validation rule \"{name}\".", nameof(name));

    private static DelegateValidationRule Rule(string name, Func<ValidationContext, ValidationVisitor> factory) => new(name, factory);
}
