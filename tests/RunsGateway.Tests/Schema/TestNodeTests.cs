using RunsGateway.Core;
using RunsGateway.Ids;
using RunsGateway.Schema;

namespace RunsGateway.Tests.Schema;

public sealed class TestNodeTests
{
    private static readonly Test Loaded = new() { Id = "t7", SpecId = "s1", Name = "adds the badge", Status = TestStatus.Failed, RawStatus = "failed" };

    [Fact]
    public void Id_SameLoadedTestSelectedTwice_EncodedOnceAndEqualToTheGlobalId()
    {
        var run = new RunRef(Vendor.NeetoPlaydash, "r1", "p1");

        var first = new TestNode(run, "s1", Loaded).Id;
        var second = new TestNode(run, "s1", Loaded).Id;

        first.ShouldBe(GlobalId.ForTest(run, "s1", "t7"));
        second.ShouldBeSameAs(first, "the second selection (an alias) reuses the encoded id");
    }

    [Fact]
    public void Id_SameTestObjectUnderAnotherRun_EncodedForThatRun()
    {
        var run = new RunRef(Vendor.NeetoPlaydash, "r1", "p1");
        var other = new RunRef(Vendor.NeetoPlaydash, "r2", "p1");
        _ = new TestNode(run, "s1", Loaded).Id;

        var id = new TestNode(other, "s1", Loaded).Id;

        id.ShouldBe(GlobalId.ForTest(other, "s1", "t7"));
        new TestNode(run, "s1", Loaded).Id.ShouldBe(GlobalId.ForTest(run, "s1", "t7"));
    }
}
