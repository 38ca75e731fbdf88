using System.Globalization;
using Microsoft.Extensions.Options;
using RunsGateway.Core;

namespace RunsGateway.Live;

/// <summary>Reads each vendor's <c>Vendors:&lt;Name&gt;:PollInterval</c> into <see cref="LiveRunOptions.PollIntervals"/>.</summary>
internal sealed class LiveRunOptionsSetup(IConfiguration configuration) : IConfigureOptions<LiveRunOptions>
{
    public void Configure(LiveRunOptions options)
    {
        foreach (var vendor in Enum.GetValues<Vendor>())
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"Vendors:{vendor}:PollInterval");
            if (configuration[key] is { Length: > 0 } text)
            {
                options.PollIntervals[vendor] = TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval)
                    ? interval
                    : throw new OptionsValidationException(key, typeof(LiveRunOptions), [$"{key} must be a time span such as 00:00:05; it is '{text}'."]);
            }
        }
    }
}

/// <summary>Refuses to start with a poll interval or backoff that is not positive, naming the key.</summary>
internal sealed class LiveRunOptionsValidator : IValidateOptions<LiveRunOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.DefaultPollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{LiveRunOptions.SectionName}:{nameof(LiveRunOptions.DefaultPollInterval)} must be positive; it is {options.DefaultPollInterval}.");
        }

        if (options.MaxBackoff <= TimeSpan.Zero)
        {
            failures.Add($"{LiveRunOptions.SectionName}:{nameof(LiveRunOptions.MaxBackoff)} must be positive; it is {options.MaxBackoff}.");
        }

        foreach (var (vendor, interval) in options.PollIntervals)
        {
            if (interval <= TimeSpan.Zero)
            {
                failures.Add($"Vendors:{vendor}:PollInterval must be positive; it is {interval}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
