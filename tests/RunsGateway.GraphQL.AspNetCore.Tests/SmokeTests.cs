namespace RunsGateway.GraphQL.AspNetCore.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName() => typeof(SmokeTests).Assembly.GetName().Name.ShouldBe("RunsGateway.GraphQL.AspNetCore.Tests");
}
