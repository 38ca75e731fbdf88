namespace RunsGateway.Tests.Integration;

/// <summary>
/// Tests that drive headless Chromium. They run alone, after the parallel tests: Banana Cake Pop's editor needs a few seconds of
/// CPU to start, and beside the rest of this project on a 2-core machine its 40 s deadline was missed now and then.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestGroup
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Browser";
}
