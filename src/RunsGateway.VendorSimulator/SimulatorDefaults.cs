namespace RunsGateway.VendorSimulator;

/// <summary>The simulator's documented demo credentials, path prefixes and seed constants.</summary>
public static class SimulatorDefaults
{
    /// <summary>Default CCExtractor bearer token (<c>Simulator:CcExtractor:Token</c>).</summary>
    public const string CcExtractorToken = "sim-ccextractor-token";

    /// <summary>Default NeetoPlaydash <c>X-Api-Key</c> (<c>Simulator:NeetoPlaydash:ApiKey</c>).</summary>
    public const string NeetoPlaydashApiKey = "sim-neetoplaydash-key";

    /// <summary>Default TestVibe bearer key (<c>Simulator:TestVibe:ApiKey</c>): <c>tvb_</c> followed by 43 <c>s</c> characters.</summary>
    public const string TestVibeApiKey = "tvb_sssssssssssssssssssssssssssssssssssssssssss";

    /// <summary>Default Crewship bearer key (<c>Simulator:Crewship:ApiKey</c>).</summary>
    public const string CrewshipApiKey = "sim-crewship-key";

    /// <summary>Path prefix of the CCExtractor API; a client's base URL is <c>http://HOST:PORT/ccextractor/api/v1</c>.</summary>
    public const string CcExtractorPrefix = "/ccextractor/api/v1";

    /// <summary>Path prefix of the NeetoPlaydash API.</summary>
    public const string NeetoPlaydashPrefix = "/neetoplaydash/api/external/v1";

    /// <summary>Path prefix of the TestVibe API.</summary>
    public const string TestVibePrefix = "/testvibe/api/v1/ops";

    /// <summary>Path prefix of the Crewship API.</summary>
    public const string CrewshipPrefix = "/crewship/v1";

    /// <summary>Path prefix of the simulator's own control endpoints (faults, stats, runs, clock).</summary>
    public const string AdminPrefix = "/_simulator";

    /// <summary>The fixed seed of the generated data (<c>Simulator:Seed</c> overrides it).</summary>
    public const int Seed = 20261101;

    /// <summary>Finished seeded runs all end before this instant, so their payloads never depend on the wall clock.</summary>
    public static DateTimeOffset SeedEpoch { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
}
