using Microsoft.Extensions.Options;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>Refuses a misconfigured simulator at start-up with a message naming the key.</summary>
internal sealed class VendorSimulatorOptionsValidator : IValidateOptions<VendorSimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, VendorSimulatorOptions options)
    {
        var failures = new List<string>();
        if (!(options.ClockSpeed > 0) || double.IsInfinity(options.ClockSpeed))
        {
            failures.Add("Simulator:ClockSpeed must be a positive number.");
        }

        Credential(failures, "Simulator:CcExtractor:Token", options.CcExtractor.Token);
        Credential(failures, "Simulator:NeetoPlaydash:ApiKey", options.NeetoPlaydash.ApiKey);
        Credential(failures, "Simulator:TestVibe:ApiKey", options.TestVibe.ApiKey);
        Credential(failures, "Simulator:Crewship:ApiKey", options.Crewship.ApiKey);
        Fault(failures, "Simulator:CcExtractor:Fault", options.CcExtractor.Fault);
        Fault(failures, "Simulator:NeetoPlaydash:Fault", options.NeetoPlaydash.Fault);
        Fault(failures, "Simulator:TestVibe:Fault", options.TestVibe.Fault);
        Fault(failures, "Simulator:Crewship:Fault", options.Crewship.Fault);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns a description of what is wrong with a fault, or null when it is valid.</summary>
    public static string? Check(SimulatorFaultOptions fault)
    {
        if (fault.Status != 0 && (fault.Status < 100 || fault.Status > 599))
        {
            return "status must be 0 or an HTTP status code between 100 and 599.";
        }

        if (fault.Rate is < 0 or > 1 || double.IsNaN(fault.Rate))
        {
            return "rate must be between 0 and 1.";
        }

        if (fault.LatencyMs < 0)
        {
            return "latencyMs must not be negative.";
        }

        if (fault.RequestsPerMinute is < 1)
        {
            return "requestsPerMinute must be at least 1 (or absent for no limit).";
        }

        if (fault.RetryAfterSeconds is < 0)
        {
            return "retryAfterSeconds must not be negative.";
        }

        return null;
    }

    private static void Credential(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} must not be empty.");
        }
    }

    private static void Fault(List<string> failures, string key, SimulatorFaultOptions? fault)
    {
        if (fault is not null && Check(fault) is { } problem)
        {
            failures.Add($"{key}: {problem}");
        }
    }
}
