namespace RunsGateway.Core;

/// <summary>The four upstream vendors the gateway reads runs from.</summary>
public enum Vendor
{
    /// <summary>The CCExtractor sample platform (regression-test runs; integer run id, no project).</summary>
    CcExtractor,

    /// <summary>NeetoPlaydash (Playwright runs with paginated specs; project id + run id).</summary>
    NeetoPlaydash,

    /// <summary>TestVibe (browser test runs of one feature; project + integer run id).</summary>
    TestVibe,

    /// <summary>Crewship (AI-agent crew executions; string run id, no specs or tests).</summary>
    Crewship,
}
