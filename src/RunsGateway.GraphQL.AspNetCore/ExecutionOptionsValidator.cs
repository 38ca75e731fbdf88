using Microsoft.Extensions.Options;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Runs <see cref="ExecutionOptions.Validate"/> at start-up and names the offending configuration key.</summary>
internal sealed class ExecutionOptionsValidator : IValidateOptions<ExecutionOptions>
{
    public ValidateOptionsResult Validate(string? name, ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentOutOfRangeException exception)
        {
            return ValidateOptionsResult.Fail($"{ExecutionOptions.SectionName}:{exception.ParamName} is out of range: {exception.Message}");
        }
    }
}
