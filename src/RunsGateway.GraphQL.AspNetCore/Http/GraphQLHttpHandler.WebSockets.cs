using Microsoft.AspNetCore.Http;
using RunsGateway.GraphQL.AspNetCore.WebSockets;

namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>GraphQL over WebSocket with the <c>graphql-transport-ws</c> sub-protocol (graphql-ws PROTOCOL.md).</summary>
internal sealed partial class GraphQLHttpHandler
{
    private async Task HandleWebSocketAsync(HttpContext context)
    {
        if (!_streaming.Options.EnableWebSockets)
        {
            await RejectAsync(context, ResponseMediaType.Json, new TransportError(
                StatusCodes.Status400BadRequest,
                GraphQLHttpErrorCodes.BadRequest,
                "WebSocket connections are not enabled on this endpoint.")).ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketSession.SubProtocol, StringComparer.Ordinal))
        {
            await RejectAsync(context, ResponseMediaType.Json, new TransportError(
                StatusCodes.Status400BadRequest,
                GraphQLHttpErrorCodes.BadRequest,
                $"WebSocket connections must request the '{GraphQLWebSocketSession.SubProtocol}' sub-protocol.")).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(GraphQLWebSocketSession.SubProtocol).ConfigureAwait(false);
        await using var session = new GraphQLWebSocketSession(socket, context, _executor, _interceptors, _streaming);
        await session.RunAsync().ConfigureAwait(false);
    }
}
