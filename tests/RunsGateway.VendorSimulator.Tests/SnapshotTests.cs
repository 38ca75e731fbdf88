using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Normalize_DifferentFormatting_GivesTheSameText()
    {
        var compact = Snapshot.Normalize("""{"a":1,"b":[true,null],"c":"é — x"}""");
        var spread = Snapshot.Normalize("{\r\n    \"a\" : 1,\r\n \"b\": [ true, null ],\n\"c\": \"\\u00e9 \\u2014 x\"\n}");

        spread.ShouldBe(compact);
        compact.ShouldContain("\n  \"a\": 1,");
        compact.ShouldContain("é — x");
        compact.ShouldEndWith("}\n");
    }

    [Fact]
    public void Normalize_DifferentValues_GivesDifferentText()
    {
        Snapshot.Normalize("""{"a":1}""").ShouldNotBe(Snapshot.Normalize("""{"a":2}"""));
    }
}
