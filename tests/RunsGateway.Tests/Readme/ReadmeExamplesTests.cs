using System.Text.Json.Nodes;
using RunsGateway.VendorSimulator.Tests.Infrastructure;
using Snapshooter;
using Snapshooter.Xunit3;

namespace RunsGateway.Tests.Readme;

/// <summary>
/// Every GraphQL example of README.md runs against the gateway in demo mode (no vendor configured: the in-process simulator)
/// and must answer what the README shows. The README may leave out the response's top-level <c>extensions</c>; everything it
/// shows, key order included, must be equal. Each answer, as far as the README shows it, is also a Snapshooter snapshot.
/// </summary>
public sealed class ReadmeExamplesTests(DemoGatewayFixture gateway) : IClassFixture<DemoGatewayFixture>
{
    /// <summary>One row per README example, by name.</summary>
    public static TheoryData<string> Examples() => [.. ReadmeExamples.All().Select(e => e.Name)];

    [Fact]
    public void Parse_Readme_FindsAnExampleForEveryVendorWithUniqueNames()
    {
        var examples = ReadmeExamples.All();

        var names = examples.Select(e => e.Name).ToList();
        names.ShouldBeUnique();
        foreach (var vendor in (string[])["CCExtractor", "NeetoPlaydash", "TestVibe", "Crewship"])
        {
            names.ShouldContain(vendor);
        }
    }

    [Fact]
    public void Parse_QueryWithoutResponse_IsAnError()
    {
        string[] lines = ["**Lonely**", "```graphql", "{ a }", "```", "", "text"];

        Should.Throw<FormatException>(() => ReadmeExamples.Parse(lines)).Message.ShouldContain("line 2");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Execute_ReadmeExample_AnswersWhatTheReadmeShows(string name)
    {
        var example = ReadmeExamples.All().Single(e => e.Name == name);
        var shown = JsonNode.Parse(example.Response)!.AsObject();

        var actual = await gateway.Host.QueryAsync(example.Query);

        var compared = actual.DeepClone().AsObject();
        if (!shown.ContainsKey("extensions"))
        {
            compared.Remove("extensions");
        }

        Assert.True(
            compared.ToJsonString() == shown.ToJsonString(),
            $"The README example {example} differs from the gateway's answer.\nREADME:  {shown.ToJsonString()}\ngateway: {compared.ToJsonString()}");
        // The snapshot keeps what the README shows: without it, `extensions.vendors` counts cache hits that depend on which
        // example ran first, and xunit does not promise an order.
        SnapshotJson.Indent(compared.ToJsonString()).MatchSnapshot(SnapshotNameExtension.Create(name));
    }
}
