using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.Tests.Integration;
using Clock = RunsGateway.Vendors.Tests.TestSupport.ManualTimeProvider;

namespace RunsGateway.Tests.Infrastructure;

/// <summary>
/// The gateway the browser tests open: its simulator's runs move when a test advances <see cref="SimulatorClock"/>, and its
/// pollers look at a watched Crewship run every <see cref="PollInterval"/>, so a subscription's events arrive within a second.
/// </summary>
public sealed class BrowserGatewayFixture : IAsyncLifetime
{
    /// <summary>How often the gateway polls a watched Crewship run.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The simulator's clock; advancing it moves its running runs on.</summary>
    public Clock SimulatorClock { get; } = new();

    /// <summary>The running gateway and its simulator.</summary>
    public GatewayHost Host { get; private set; } = null!;

    /// <summary>The gateway's GraphQL endpoint as the browser sees it.</summary>
    public string GraphQLUrl => Host.GraphQLEndpoint.ToString();

    /// <summary>The sub-protocols each initialised WebSocket connection asked for, comma-separated, in order.</summary>
    public ConcurrentQueue<string> WebSocketConnections { get; } = new();

    public async ValueTask InitializeAsync() => Host = await GatewayHost.StartAsync(
        new Dictionary<string, string?> { ["Vendors:Crewship:PollInterval"] = PollInterval.ToString() },
        clockSpeed: 1,
        configure: builder => builder.Services.AddSingleton<IGraphQLWebSocketInterceptor>(new ConnectionRecorder(WebSocketConnections)),
        simulatorTime: SimulatorClock);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Accepts every connection and records what it asked for.</summary>
    private sealed class ConnectionRecorder(ConcurrentQueue<string> connections) : IGraphQLWebSocketInterceptor
    {
        public ValueTask<bool> OnConnectAsync(HttpContext httpContext, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken)
        {
            connections.Enqueue(string.Join(",", httpContext.WebSockets.WebSocketRequestedProtocols));
            return ValueTask.FromResult(true);
        }
    }
}
