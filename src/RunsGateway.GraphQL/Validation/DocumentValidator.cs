using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation;

/// <summary>Validates executable documents against a schema (spec section 5), in a single pass over the document.</summary>
public static class DocumentValidator
{
    /// <summary>The default maximum number of errors reported before validation stops.</summary>
    public const int DefaultMaxErrors = 100;

    /// <summary>The default number of field comparisons the field-merge rule may make per document (graphql-js 16.15's budget).</summary>
    public const long DefaultComparisonBudget = 500_000;

    private const string TooComplexMessage = "The document is nested too deeply to be validated. Validation aborted.";

    /// <summary>
    /// Validates <paramref name="document"/> against <paramref name="schema"/>. With <paramref name="ruleNames"/> null, all
    /// <see cref="ValidationRules.Specified"/> rules run; otherwise exactly the named rules (graphql-js names, for example
    /// <c>NoUnusedFragmentsRule</c>; optional rules such as <c>NoDeprecatedCustomRule</c> run only when named).
    /// </summary>
    /// <returns>The validation errors (code <c>GRAPHQL_VALIDATION_FAILED</c>); empty when the document is valid.</returns>
    /// <exception cref="ArgumentException">A rule name is unknown.</exception>
    public static IReadOnlyList<GraphQLError> Validate(
        Schema schema,
        DocumentNode document,
        IEnumerable<string>? ruleNames = null,
        int maxErrors = DefaultMaxErrors)
    {
        var rules = ruleNames is null ? ValidationRules.Specified : [.. ruleNames.Select(ValidationRules.Get)];
        return Validate(schema, document, rules, maxErrors);
    }

    /// <summary>Validates <paramref name="document"/> against <paramref name="schema"/> with the given rules.</summary>
    /// <returns>The validation errors (code <c>GRAPHQL_VALIDATION_FAILED</c>); empty when the document is valid.</returns>
    public static IReadOnlyList<GraphQLError> Validate(
        Schema schema,
        DocumentNode document,
        IEnumerable<ValidationRule> rules,
        int maxErrors = DefaultMaxErrors) =>
        Validate(schema, document, rules, maxErrors, DefaultComparisonBudget);

    /// <summary>
    /// Validates <paramref name="document"/> with the given rules, aborting once the field-merge rule has made
    /// <paramref name="comparisonBudget"/> comparisons (so a hostile document costs bounded work).
    /// </summary>
    /// <returns>The validation errors (code <c>GRAPHQL_VALIDATION_FAILED</c>); empty when the document is valid.</returns>
    public static IReadOnlyList<GraphQLError> Validate(
        Schema schema,
        DocumentNode document,
        IEnumerable<ValidationRule> rules,
        int maxErrors,
        long comparisonBudget)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(maxErrors);

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(comparisonBudget);
        var context = new ValidationContext(schema, document, maxErrors) { ComparisonBudget = comparisonBudget };
        var visitors = rules.Select(rule => rule.CreateVisitor(context)).ToArray();
        if (visitors.Length == 0)
        {
            return [];
        }

        try
        {
            context.Walk(visitors);
        }
        catch (ValidationAbortedException)
        {
            // The error limit was reached; the errors so far plus the "aborted" error are the result.
        }
        catch (InsufficientExecutionStackException)
        {
            // Hostile nesting (for example a chain of thousands of fragments) must not crash the process.
            return [.. context.Errors, GraphQLError.WithCode(TooComplexMessage, ErrorCodes.ValidationFailed)];
        }

        return context.Errors;
    }
}
