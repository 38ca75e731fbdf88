namespace RunsGateway.VendorSimulator.Tests.Infrastructure;

/// <summary>One default simulator (manual clock at <see cref="ManualTimeProvider.DefaultStart"/>) shared by a read-only test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
