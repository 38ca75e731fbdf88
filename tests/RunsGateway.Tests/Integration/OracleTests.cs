using System.Text.Json;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// Independent oracles against the real gateway on a loopback port: graphql-http's GraphQL-over-HTTP server audits and
/// graphql-js reading our introspection and comparing it with the schema.graphql contract.
/// </summary>
public sealed class OracleTests(GatewayFixture gateway, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Audit_RunningGateway_PassesEveryMustAndShould()
    {
        var node = GraphQLOracles.RequireNode();

        var (exitCode, stdout, stderr) = await GraphQLOracles.RunAsync(
            node, "audit.mjs", [gateway.GraphQLUrl, "--json"], TestContext.Current.CancellationToken);

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
        notOk.ForEach(output.WriteLine);
        var details = string.Join(Environment.NewLine, notOk);
        summary.GetProperty("byLevel").GetProperty("MUST").GetProperty("total").GetInt32().ShouldBeGreaterThan(0, "the audit ran no MUST audit");
        summary.GetProperty("fatal").GetInt32().ShouldBe(0, details);
        summary.GetProperty("error").GetInt32().ShouldBe(0, "MUST failures:" + Environment.NewLine + details);
        summary.GetProperty("warn").GetInt32().ShouldBe(0, "SHOULD warnings:" + Environment.NewLine + details);
        exitCode.ShouldBe(0, stderr);
    }

    [Fact]
    public async Task IntrospectionCheck_RunningGateway_MatchesSchemaGraphqlContract()
    {
        var node = GraphQLOracles.RequireNode();
        var contract = Path.Combine(ExternalTools.RepositoryRoot, "schema.graphql");
        File.Exists(contract).ShouldBeTrue($"{contract} is missing");

        var (exitCode, stdout, stderr) = await GraphQLOracles.RunAsync(
            node, "introspection-check.mjs", ["--url", gateway.GraphQLUrl, "--expect", contract], TestContext.Current.CancellationToken);

        output.WriteLine(stdout);
        output.WriteLine(stderr);
        exitCode.ShouldBe(0, "introspection-check reported failures:" + Environment.NewLine + stdout + Environment.NewLine + stderr);
    }
}
