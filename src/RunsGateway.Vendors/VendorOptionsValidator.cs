using System.Net;
using Microsoft.Extensions.Options;

namespace RunsGateway.Vendors;

/// <summary>Validates vendor options at start-up with messages naming the configuration key.</summary>
internal sealed class VendorOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : VendorOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = options.Section;
        var failures = new List<string>();

        if (options.IsConfigured)
        {
            if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{section}:BaseUrl must be an absolute http or https URL.");
            }
            else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                failures.Add($"{section}:BaseUrl must not contain a query, a fragment or user information.");
            }

            if (string.IsNullOrWhiteSpace(options.Credential))
            {
                failures.Add($"{section}:{options.CredentialKey} is required when {section}:BaseUrl is set.");
            }
            else if (options.Credential.Any(c => char.IsControl(c) || c == ' '))
            {
                failures.Add($"{section}:{options.CredentialKey} must not contain spaces or control characters.");
            }
        }

        Check(options.Timeout > TimeSpan.Zero && options.Timeout <= TimeSpan.FromMinutes(5), $"{section}:Timeout must be greater than 0 and at most 00:05:00.");
        Check(options.MaxConcurrentRequests is >= 1 and <= 1024, $"{section}:MaxConcurrentRequests must be between 1 and 1024.");
        Check(options.RetryAfterCeiling >= TimeSpan.Zero && options.RetryAfterCeiling <= TimeSpan.FromMinutes(5), $"{section}:RetryAfterCeiling must be between 00:00:00 and 00:05:00.");
        Check(options.MaxRetries is >= 0 and <= 10, $"{section}:MaxRetries must be between 0 and 10.");
        Check(options.RetryBaseDelay >= TimeSpan.Zero && options.RetryBaseDelay <= TimeSpan.FromMinutes(1), $"{section}:RetryBaseDelay must be between 00:00:00 and 00:01:00.");
        Check(options.CircuitBreakerFailureRatio is > 0 and <= 1, $"{section}:CircuitBreakerFailureRatio must be greater than 0 and at most 1.");
        Check(options.CircuitBreakerMinimumThroughput >= 2, $"{section}:CircuitBreakerMinimumThroughput must be at least 2.");
        Check(options.CircuitBreakerSamplingDuration >= TimeSpan.FromMilliseconds(500), $"{section}:CircuitBreakerSamplingDuration must be at least 00:00:00.5.");
        Check(options.CircuitBreakerBreakDuration >= TimeSpan.FromMilliseconds(500), $"{section}:CircuitBreakerBreakDuration must be at least 00:00:00.5.");

        Check(options.RequestsPerMinute is null or (>= 1 and <= 1_000_000), $"{section}:RequestsPerMinute must be between 1 and 1000000 (or unset for no limit).");
        Check(options.HttpVersion == HttpVersion.Version11 || options.HttpVersion == HttpVersion.Version20, $"{section}:HttpVersion must be 1.1 or 2.0.");
        Check(options.MaxResponseBytes is >= 1024 and <= 256 * 1024 * 1024, $"{section}:MaxResponseBytes must be between 1024 and 268435456.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(bool condition, string message)
        {
            if (!condition)
            {
                failures.Add(message);
            }
        }
    }
}
