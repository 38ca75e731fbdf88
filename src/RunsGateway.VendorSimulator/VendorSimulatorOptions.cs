namespace RunsGateway.VendorSimulator;

/// <summary>Configuration of the vendor simulator, bound from the <c>Simulator</c> section.</summary>
public sealed class VendorSimulatorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Simulator";

    /// <summary>How many simulated seconds pass per second of the injected <see cref="TimeProvider"/>.</summary>
    /// <value>The default value is 1.</value>
    public double ClockSpeed { get; set; } = 1.0;

    /// <summary>Seed of the generated data.</summary>
    /// <value>The default value is <see cref="SimulatorDefaults.Seed"/>.</value>
    public int Seed { get; set; } = SimulatorDefaults.Seed;

    /// <summary>CCExtractor sample platform settings.</summary>
    public CcExtractorSimulatorOptions CcExtractor { get; set; } = new();

    /// <summary>NeetoPlaydash settings.</summary>
    public NeetoPlaydashSimulatorOptions NeetoPlaydash { get; set; } = new();

    /// <summary>TestVibe settings.</summary>
    public TestVibeSimulatorOptions TestVibe { get; set; } = new();

    /// <summary>Crewship settings.</summary>
    public CrewshipSimulatorOptions Crewship { get; set; } = new();
}

/// <summary>Simulated CCExtractor settings (<c>Simulator:CcExtractor</c>).</summary>
public sealed class CcExtractorSimulatorOptions
{
    /// <summary>The bearer token the simulated API accepts.</summary>
    /// <value>The default value is <see cref="SimulatorDefaults.CcExtractorToken"/>.</value>
    public string Token { get; set; } = SimulatorDefaults.CcExtractorToken;

    /// <summary>A fault active from start-up, or null for none.</summary>
    public SimulatorFaultOptions? Fault { get; set; }
}

/// <summary>Simulated NeetoPlaydash settings (<c>Simulator:NeetoPlaydash</c>).</summary>
public sealed class NeetoPlaydashSimulatorOptions
{
    /// <summary>The <c>X-Api-Key</c> the simulated API accepts.</summary>
    /// <value>The default value is <see cref="SimulatorDefaults.NeetoPlaydashApiKey"/>.</value>
    public string ApiKey { get; set; } = SimulatorDefaults.NeetoPlaydashApiKey;

    /// <summary>A fault active from start-up, or null for none.</summary>
    public SimulatorFaultOptions? Fault { get; set; }
}

/// <summary>Simulated TestVibe settings (<c>Simulator:TestVibe</c>).</summary>
public sealed class TestVibeSimulatorOptions
{
    /// <summary>The bearer API key the simulated API accepts.</summary>
    /// <value>The default value is <see cref="SimulatorDefaults.TestVibeApiKey"/>.</value>
    public string ApiKey { get; set; } = SimulatorDefaults.TestVibeApiKey;

    /// <summary>A fault active from start-up, or null for none.</summary>
    public SimulatorFaultOptions? Fault { get; set; }
}

/// <summary>Simulated Crewship settings (<c>Simulator:Crewship</c>).</summary>
public sealed class CrewshipSimulatorOptions
{
    /// <summary>The bearer API key the simulated API accepts.</summary>
    /// <value>The default value is <see cref="SimulatorDefaults.CrewshipApiKey"/>.</value>
    public string ApiKey { get; set; } = SimulatorDefaults.CrewshipApiKey;

    /// <summary>Whether error bodies use the older deployments' shape <c>{"error": {code, message, details}}</c>.</summary>
    /// <value>The default value is false: <c>{"error": {"message"}}</c>.</value>
    public bool LegacyErrorBodies { get; set; }

    /// <summary>A fault active from start-up, or null for none.</summary>
    public SimulatorFaultOptions? Fault { get; set; }
}

/// <summary>A fault injected into one vendor's responses; the same fields as <c>POST /_simulator/faults</c>.</summary>
public sealed class SimulatorFaultOptions
{
    /// <summary>HTTP status to answer with (401, 404, 429, 5xx…), or 0 for none.</summary>
    /// <value>The default value is 0.</value>
    public int Status { get; set; }

    /// <summary>Seconds for the <c>Retry-After</c> header of a 429 (and of a 503 when set).</summary>
    /// <value>The default value is null, which sends 1 on a 429.</value>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Share of requests (0..1) that get the status, malformed body or hang.</summary>
    /// <value>The default value is 1.</value>
    public double Rate { get; set; } = 1.0;

    /// <summary>Delay added to every request of the vendor, in milliseconds (wall-clock time).</summary>
    /// <value>The default value is 0.</value>
    public int LatencyMs { get; set; }

    /// <summary>Whether to answer with a body that is not JSON (with <see cref="Status"/>, or 200 when it is 0).</summary>
    /// <value>The default value is false.</value>
    public bool Malformed { get; set; }

    /// <summary>
    /// The vendor's rate limit: at most this many requests per fixed 60-second window (on the simulator's time provider). Every answer
    /// then carries <c>X-RateLimit-Limit</c>/<c>Remaining</c>/<c>Reset</c> (Unix seconds) and a <c>Date</c>; a request over the limit
    /// is answered 429 with <c>Retry-After</c> (seconds to the window's end) and the vendor's rate-limit body.
    /// </summary>
    /// <value>The default value is null (no limit).</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Whether to never answer until the client gives up.</summary>
    /// <value>The default value is false.</value>
    public bool Hang { get; set; }
}
