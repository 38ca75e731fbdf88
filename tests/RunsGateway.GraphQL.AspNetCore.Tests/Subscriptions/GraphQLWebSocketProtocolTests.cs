using System.Net;
using System.Net.WebSockets;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>The <c>graphql-transport-ws</c> rules a well-behaved client never trips, checked with a raw socket.</summary>
public sealed class GraphQLWebSocketProtocolTests(StreamingTestServer server) : IClassFixture<StreamingTestServer>
{
    [Fact]
    public async Task Connect_NoConnectionInitWithinTimeout_ClosedWith4408()
    {
        using var socket = await server.ConnectAsync();

        // The server's timer starts once the socket is accepted; advance the fake clock until it has fired.
        var closed = socket.ReceiveCloseAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!closed.IsCompleted)
        {
            server.Clock.Advance(StreamingTestServer.InitTimeout);
            await Task.WhenAny(closed, Task.Delay(50, deadline.Token));
        }

        (await closed).ShouldBe(4408);
        socket.CloseStatusDescription.ShouldBe("Connection initialisation timeout");
    }

    [Fact]
    public async Task ConnectionInit_SentTwice_ClosedWith4429()
    {
        using var socket = await server.ConnectAsync();
        await socket.InitAsync();

        await socket.SendJsonAsync("""{"type":"connection_init"}""");

        (await socket.ReceiveCloseAsync()).ShouldBe(4429);
    }

    [Fact]
    public async Task Subscribe_BeforeConnectionAck_ClosedWith4401()
    {
        using var socket = await server.ConnectAsync();

        await socket.SendJsonAsync("""{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}""");

        (await socket.ReceiveCloseAsync()).ShouldBe(4401);
    }

    [Fact]
    public async Task ConnectionInit_InterceptorRefuses_ClosedWith4403()
    {
        using var socket = await server.ConnectAsync();

        await socket.SendJsonAsync("""{"type":"connection_init","payload":{"token":"bad"}}""");

        (await socket.ReceiveCloseAsync()).ShouldBe(4403);
    }

    [Fact]
    public async Task Subscribe_IdAlreadyActive_ClosedWith4409()
    {
        using var socket = await server.ConnectAsync();
        await socket.InitAsync();
        await socket.SendJsonAsync("""{"id":"a","type":"subscribe","payload":{"query":"subscription { forever }"}}""");
        (await socket.ReceiveJsonAsync())!.Value.GetProperty("type").GetString().ShouldBe("next");

        await socket.SendJsonAsync("""{"id":"a","type":"subscribe","payload":{"query":"subscription { forever }"}}""");

        (await socket.ReceiveCloseAsync()).ShouldBe(4409);
        socket.CloseStatusDescription.ShouldBe("Subscriber for a already exists");
    }

    [Theory]
    [InlineData("""{"type":"unheard-of"}""")]
    [InlineData("""not json""")]
    [InlineData("""{"id":"1","type":"subscribe","payload":{"query":5}}""")]
    [InlineData("""{"id":1,"type":"subscribe","payload":{"query":"{ hello }"}}""")]
    public async Task Message_Invalid_ClosedWith4400(string message)
    {
        using var socket = await server.ConnectAsync();
        await socket.InitAsync();

        await socket.SendJsonAsync(message);

        (await socket.ReceiveCloseAsync()).ShouldBe(4400);
    }

    [Fact]
    public async Task Ping_AfterAck_AnsweredWithPong()
    {
        using var socket = await server.ConnectAsync();
        await socket.InitAsync();

        await socket.SendJsonAsync("""{"type":"ping"}""");

        (await socket.ReceiveJsonAsync())!.Value.GetProperty("type").GetString().ShouldBe("pong");
    }

    [Fact]
    public async Task Complete_FromClient_StopsOperationAndFreesItsId()
    {
        using var socket = await server.ConnectAsync();
        await socket.InitAsync();
        await socket.SendJsonAsync("""{"id":"x","type":"subscribe","payload":{"query":"subscription { forever }"}}""");
        (await socket.ReceiveJsonAsync())!.Value.GetProperty("type").GetString().ShouldBe("next");

        await socket.SendJsonAsync("""{"id":"x","type":"complete"}""");
        await socket.SendJsonAsync("""{"id":"x","type":"subscribe","payload":{"query":"subscription { count(to: 1) }"}}""");

        var next = (await socket.ReceiveJsonAsync())!.Value;
        next.GetProperty("type").GetString().ShouldBe("next");
        next.GetProperty("payload").GetProperty("data").GetProperty("count").GetInt32().ShouldBe(1);
        (await socket.ReceiveJsonAsync())!.Value.GetProperty("type").GetString().ShouldBe("complete");
    }

    [Fact]
    public async Task Connect_WithoutSubProtocol_Refused()
    {
        var socket = new ClientWebSocket();

        var failure = await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketUrl, TestContext.Current.CancellationToken));

        failure.Message.ShouldContain("400");
        socket.Dispose();
    }
}
