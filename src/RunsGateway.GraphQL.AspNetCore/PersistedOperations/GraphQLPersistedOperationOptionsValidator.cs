using Microsoft.Extensions.Options;
using RunsGateway.GraphQL.AspNetCore.PersistedOperations;

namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Refuses to start when the trusted-documents directory is missing or holds a file that does not match its hash.</summary>
internal sealed class GraphQLPersistedOperationOptionsValidator : IValidateOptions<GraphQLPersistedOperationOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLPersistedOperationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Directory is not { Length: > 0 } directory)
        {
            return ValidateOptionsResult.Success;
        }

        PersistedOperationResolver.LoadTrusted(directory, out var problems);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => $"{GraphQLPersistedOperationOptions.SectionName}:{nameof(options.Directory)}: {problem}."));
    }
}
