namespace RunsGateway.Vendors.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName() => typeof(SmokeTests).Assembly.GetName().Name.ShouldBe("RunsGateway.Vendors.Tests");
}
