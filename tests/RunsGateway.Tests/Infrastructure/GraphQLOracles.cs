using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.Tests.Infrastructure;

/// <summary>
/// The graphql-js / graphql-http oracle scripts that scripts/npm-setup.sh installs to <c>tools/graphql-oracles</c>
/// (or <c>GRAPHQL_ORACLES_DIR</c>), run with Node.js.
/// </summary>
internal static class GraphQLOracles
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The oracle folder.</summary>
    public static string Directory { get; } = Environment.GetEnvironmentVariable("GRAPHQL_ORACLES_DIR") is { Length: > 0 } configured
        ? configured
        : Path.Combine(ExternalTools.RepositoryRoot, "tools", "graphql-oracles");

    /// <summary>
    /// Returns the node executable, or ends the test: a failure under CI (<c>CI=true</c>), a skip elsewhere, naming what is missing.
    /// </summary>
    public static string RequireNode()
    {
        var node = ExternalTools.FindOnPath("node");
        if (node is null)
        {
            ExternalTools.Unavailable("node is not on PATH; install Node.js 20+ and run scripts/npm-setup.sh to run the GraphQL oracles.");
        }

        foreach (var package in new[] { "graphql", "graphql-http" })
        {
            if (!File.Exists(Path.Combine(Directory, "node_modules", package, "package.json")))
            {
                ExternalTools.Unavailable($"The GraphQL oracles are not installed at {Directory} (node_modules/{package} is missing); run scripts/npm-setup.sh.");
            }
        }

        return node!;
    }

    /// <summary>
    /// Runs <paramref name="script"/> from the oracle folder in a fresh temporary working directory (introspection-check.mjs
    /// writes last-introspection.json there, not into the repository) and returns its exit code and output.
    /// </summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        string node, string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var workingDirectory = System.IO.Directory.CreateTempSubdirectory("rg-oracle-").FullName;
        try
        {
            return await ExternalTools.RunAsync(
                node, [Path.Combine(Directory, script), .. arguments], workingDirectory, ScriptTimeout, cancellationToken);
        }
        finally
        {
            System.IO.Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
