using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RunsGateway.GraphQL.AspNetCore.Subscriptions;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>
/// Hosts a schema with subscriptions on Kestrel (loopback, free port) with WebSockets, a fake clock, and small limits:
/// 3 operations per connection, 5 per client address.
/// </summary>
public sealed class StreamingTestServer : IAsyncLifetime
{
    public const int MaxPerConnection = 3;
    public const int MaxPerClientAddress = 5;
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private const string Sdl = """
        type Query { hello: String! }
        type Subscription {
          "Yields 1..to at once, then completes."
          count(to: Int!): Int!
          "Yields 1, then waits until the subscriber leaves."
          forever: Int!
          "Yields 1, then its source fails."
          broken: Int
        }
        """;

    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new();

    /// <summary>How many <c>forever</c> source streams have been disposed (subscribers that left).</summary>
    public int ForeverDisposed => Volatile.Read(ref _foreverDisposed);

    private int _foreverDisposed;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri HttpUrl => new(BaseAddress, "/graphql");

    public Uri WebSocketUrl => new(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "graphql");

    public HttpClient Client { get; private set; } = null!;

    internal SubscriptionLimiter Limiter => _app!.Services.GetRequiredService<SubscriptionLimiter>();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<IGraphQLWebSocketInterceptor, TokenCheck>();
        builder.Services.AddGraphQLHttp(_ => BuildSchema(), options => { });
        builder.Services.Configure<GraphQLSubscriptionOptions>(options =>
        {
            options.MaxPerConnection = MaxPerConnection;
            options.MaxPerClientAddress = MaxPerClientAddress;
            options.ConnectionInitTimeout = InitTimeout;
        });

        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapGraphQL("/graphql");
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private Schema BuildSchema() => SchemaBuilder.FromSdl(Sdl)
        .AddResolver("Query", "hello", _ => "world")
        .AddSubscription("Subscription", "count", context => CountAsync(context.ArgumentValue<int>("to")))
        .AddSubscription("Subscription", "forever", _ => ForeverAsync())
        .AddSubscription("Subscription", "broken", _ => BrokenAsync())
        .Build();

    private static async IAsyncEnumerable<int> CountAsync(int to)
    {
        for (var i = 1; i <= to; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    private async IAsyncEnumerable<int> ForeverAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            yield return 1;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Interlocked.Increment(ref _foreverDisposed);
        }
    }

    private static async IAsyncEnumerable<int> BrokenAsync()
    {
        await Task.Yield();
        yield return 1;
        throw new InvalidOperationException("the source broke");
    }

    /// <summary>Waits (polling with a deadline) until no streaming operation is in flight on the server.</summary>
    public async Task WaitUntilIdleAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Limiter.Total > 0)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Opens a raw <c>graphql-transport-ws</c> socket.</summary>
    public async Task<ClientWebSocket> ConnectAsync(string? subProtocol = "graphql-transport-ws")
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        await socket.ConnectAsync(WebSocketUrl, TestContext.Current.CancellationToken);
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Refuses connections whose connection_init payload carries <c>"token": "bad"</c>.</summary>
    private sealed class TokenCheck : IGraphQLWebSocketInterceptor
    {
        public ValueTask<bool> OnConnectAsync(HttpContext httpContext, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken)
            => ValueTask.FromResult(payload is null || !Equals(payload.GetValueOrDefault("token"), "bad"));
    }
}

/// <summary>Raw WebSocket helpers for protocol tests.</summary>
internal static class WebSocketTestExtensions
{
    public static Task SendJsonAsync(this ClientWebSocket socket, string json)
        => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

    /// <summary>Receives the next message: its JSON, or null when the server closed (then see <c>CloseStatus</c>).</summary>
    public static async Task<JsonElement?> ReceiveJsonAsync(this ClientWebSocket socket, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
            }
        }
    }

    /// <summary>Reads messages until the server closes the socket and returns the close code.</summary>
    public static async Task<int?> ReceiveCloseAsync(this ClientWebSocket socket)
    {
        while (await socket.ReceiveJsonAsync() is not null)
        {
        }

        return (int?)socket.CloseStatus;
    }

    public static async Task InitAsync(this ClientWebSocket socket)
    {
        await socket.SendJsonAsync("""{"type":"connection_init"}""");
        var ack = await socket.ReceiveJsonAsync();
        ack!.Value.GetProperty("type").GetString().ShouldBe("connection_ack");
    }
}
