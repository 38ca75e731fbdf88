using Microsoft.Extensions.Options;

namespace RunsGateway.Redis;

/// <summary>Refuses to start with a missing or malformed connection string; messages name the key, never its value.</summary>
internal sealed class RedisCacheOptionsValidator : IValidateOptions<RedisCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisCacheOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ConnectionStrings:Redis is required, e.g. 'localhost:6379' or 'redis://localhost:6379/0'.");
        }
        else if (!RedisConfiguration.TryParse(options.ConnectionString, out _, out var error))
        {
            failures.Add($"ConnectionStrings:Redis is invalid: {error}");
        }

        if (options.KeyPrefix is null)
        {
            failures.Add($"{RedisCacheOptions.SectionName}:{nameof(RedisCacheOptions.KeyPrefix)} must not be null (use an empty string for no prefix).");
        }

        if (options.HealthCheckTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{RedisCacheOptions.SectionName}:{nameof(RedisCacheOptions.HealthCheckTimeout)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
