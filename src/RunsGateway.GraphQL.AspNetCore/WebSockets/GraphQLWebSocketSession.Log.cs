using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace RunsGateway.GraphQL.AspNetCore.WebSockets;

internal sealed partial class GraphQLWebSocketSession
{
    [LoggerMessage(20, LogLevel.Debug, "GraphQL WebSocket closed by the server with {Code} ({Reason}).")]
    private static partial void LogClosing(ILogger logger, int code, string reason);

    [LoggerMessage(21, LogLevel.Debug, "GraphQL WebSocket failed: {ErrorCode}.")]
    private static partial void LogSocketFailed(ILogger logger, WebSocketError errorCode);

    [LoggerMessage(22, LogLevel.Error, "A GraphQL operation over WebSocket failed unexpectedly.")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception);
}
