using RunsGateway.Schema;
using Snapshooter.Xunit3;

namespace RunsGateway.Tests.Snapshots;

/// <summary>
/// The printed gateway schema as a Snapshooter snapshot: a schema change shows up as a reviewed diff of
/// <c>__snapshots__/SchemaSnapshotTests.Print_GatewaySchema_MatchesSnapshot.snap</c> (README, "Snapshots").
/// </summary>
public sealed class SchemaSnapshotTests
{
    [Fact]
    public void Print_GatewaySchema_MatchesSnapshot()
    {
        var printed = SchemaExport.Print();

        printed.MatchSnapshot();
    }
}
