using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class SnapshotJsonTests
{
    [Fact]
    public void Indent_DifferentFormatting_GivesTheSameText()
    {
        var compact = SnapshotJson.Indent("""{"a":1,"b":[true,null],"c":"é — x"}""");
        var spread = SnapshotJson.Indent("{\r\n    \"a\" : 1,\r\n \"b\": [ true, null ],\n\"c\": \"\\u00e9 \\u2014 x\"\n}");

        spread.ShouldBe(compact);
        compact.ShouldContain("\n  \"a\": 1,");
        compact.ShouldContain("é — x");
        compact.ShouldEndWith("}\n");
    }

    [Fact]
    public void Indent_DifferentValues_GivesDifferentText()
    {
        SnapshotJson.Indent("""{"a":1}""").ShouldNotBe(SnapshotJson.Indent("""{"a":2}"""));
    }
}
