using System.Text.RegularExpressions;

namespace RunsGateway.GraphQL.Validation;

/// <summary>
/// Removes "Did you mean …?" hints from request errors. The hints name schema members close to what was asked for, so a service that
/// turns introspection off also stops suggesting (otherwise guessing names one edit away would reveal the schema).
/// </summary>
internal static partial class SuggestionRedactor
{
    /// <summary>Returns the errors with every suggestion removed from their messages; the same list when none has one.</summary>
    public static IReadOnlyList<GraphQLError> Redact(IReadOnlyList<GraphQLError> errors)
    {
        if (!errors.Any(e => e.Message.Contains("Did you mean", StringComparison.Ordinal)))
        {
            return errors;
        }

        return [.. errors.Select(e => e.Message.Contains("Did you mean", StringComparison.Ordinal)
            ? new GraphQLError(Hint().Replace(e.Message, string.Empty), e.Locations, e.Path, e.Extensions, e.InnerException)
            : e)];
    }

    // A hint runs from " Did you mean" to its closing "?" at the end of the message (graphql-js wording).
    [GeneratedRegex(@"\s*Did you mean .*\?$", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Hint();
}
