using System.Text.Json;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Http;

/// <summary>
/// Runs graphql-http's server audits (the <c>audit.mjs</c> oracle, copied and installed to
/// <c>tools/graphql-oracles</c> by scripts/npm-setup.sh) against the transport on a loopback port.
/// </summary>
public sealed class GraphQLOverHttpAuditTests(GraphQLTestServer server, ITestOutputHelper output) : IClassFixture<GraphQLTestServer>
{
    [Fact]
    public async Task Audit_TestServer_PassesEveryMustAndShould()
    {
        var node = ExternalTools.FindOnPath("node");
        var oracles = Environment.GetEnvironmentVariable("GRAPHQL_ORACLES_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(ExternalTools.RepositoryRoot, "tools", "graphql-oracles");
        if (node is null)
        {
            ExternalTools.Unavailable("node is not on PATH; install Node.js 20+ to run the graphql-http audit.");
        }

        if (!File.Exists(Path.Combine(oracles, "node_modules", "graphql-http", "package.json")))
        {
            ExternalTools.Unavailable($"The GraphQL oracles are not installed at {oracles}; run scripts/npm-setup.sh.");
        }

        var (exitCode, stdout, stderr) = await ExternalTools.RunAsync(
            node!,
            [Path.Combine(oracles, "audit.mjs"), server.GraphQLUrl.ToString(), "--json"],
            oracles,
            TimeSpan.FromSeconds(90),
            TestContext.Current.CancellationToken);

        using var report = JsonDocument.Parse(stdout);
        var summary = report.RootElement.GetProperty("summary");
        foreach (var level in new[] { "MUST", "SHOULD", "MAY" })
        {
            var counts = summary.GetProperty("byLevel").GetProperty(level);
            output.WriteLine($"{level}: {counts.GetProperty("ok").GetInt32()}/{counts.GetProperty("total").GetInt32()} ok");
        }

        var notOk = report.RootElement.GetProperty("results").EnumerateArray()
            .Where(result => result.GetProperty("status").GetString() != "ok")
            .Select(result => result.ToString())
            .ToList();
        foreach (var line in notOk)
        {
            output.WriteLine(line);
        }

        var failures = string.Join(Environment.NewLine, notOk);
        summary.GetProperty("fatal").GetInt32().ShouldBe(0, failures);
        summary.GetProperty("error").GetInt32().ShouldBe(0, failures);
        summary.GetProperty("warn").GetInt32().ShouldBe(0, failures);
        summary.GetProperty("byLevel").GetProperty("MUST").GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        exitCode.ShouldBe(0, stderr);
    }
}
