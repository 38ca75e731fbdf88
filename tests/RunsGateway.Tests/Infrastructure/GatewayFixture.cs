using RunsGateway.Tests.Integration;

namespace RunsGateway.Tests.Infrastructure;

/// <summary>One simulator-backed gateway (no Redis: the in-memory cache) shared by the tests of a class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    /// <summary>The running gateway and its simulator.</summary>
    public GatewayHost Host { get; private set; } = null!;

    /// <summary>The gateway's GraphQL endpoint as the oracles and the browser see it.</summary>
    public string GraphQLUrl => Host.GraphQLEndpoint.ToString();

    public async ValueTask InitializeAsync() => Host = await GatewayHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
