namespace RunsGateway.VendorSimulator.Admin;

/// <summary>One seeded run in <c>GET /_simulator/runs</c>.</summary>
internal sealed record SimulatedRunInfo(string Vendor, string? Project, string RunId, string Status);

/// <summary>The body of <c>POST /_simulator/faults</c>; every field but <see cref="Vendor"/> is optional.</summary>
internal sealed class FaultRequest
{
    public string? Vendor { get; set; }

    public int? Status { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public double? Rate { get; set; }

    public int? LatencyMs { get; set; }

    public bool? Malformed { get; set; }

    public bool? Hang { get; set; }

    public int? RequestsPerMinute { get; set; }
}

/// <summary><c>GET /_simulator/clock</c>.</summary>
internal sealed record ClockInfo(string Anchor, string Now, double ClockSpeed);

internal sealed record AdminError(string Error);
