using Microsoft.Extensions.Options;

namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Validates <see cref="GraphQLSubscriptionOptions"/> at start-up with messages naming the configuration key.</summary>
internal sealed class GraphQLSubscriptionOptionsValidator : IValidateOptions<GraphQLSubscriptionOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLSubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;
        void Positive(string key, long value)
        {
            if (value <= 0)
            {
                (failures ??= []).Add($"{GraphQLSubscriptionOptions.SectionName}:{key} must be greater than 0; it is {value}.");
            }
        }

        Positive(nameof(options.MaxPerConnection), options.MaxPerConnection);
        Positive(nameof(options.MaxPerClientAddress), options.MaxPerClientAddress);
        Positive(nameof(options.MaxTotal), options.MaxTotal);
        Positive(nameof(options.MaxMessageSize), options.MaxMessageSize);
        Positive(nameof(options.ConnectionInitTimeout), options.ConnectionInitTimeout.Ticks);
        if (options.KeepAliveInterval < TimeSpan.Zero)
        {
            (failures ??= []).Add($"{GraphQLSubscriptionOptions.SectionName}:{nameof(options.KeepAliveInterval)} must not be negative; it is {options.KeepAliveInterval}.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
