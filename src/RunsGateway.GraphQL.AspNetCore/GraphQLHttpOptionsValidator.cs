using Microsoft.Extensions.Options;

namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Validates <see cref="GraphQLHttpOptions"/> at start-up with messages naming the configuration key.</summary>
internal sealed class GraphQLHttpOptionsValidator : IValidateOptions<GraphQLHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;

        if (options.MaxRequestBodySize <= 0)
        {
            (failures ??= []).Add($"{GraphQLHttpOptions.SectionName}:{nameof(GraphQLHttpOptions.MaxRequestBodySize)} must be greater than 0 (bytes); it is {options.MaxRequestBodySize}.");
        }

        if (options.IdeEndpoint is { } endpoint
            && (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.RelativeOrAbsolute, out _)))
        {
            (failures ??= []).Add($"{GraphQLHttpOptions.SectionName}:{nameof(GraphQLHttpOptions.IdeEndpoint)} must be an absolute URL or a path; it is '{endpoint}'.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
