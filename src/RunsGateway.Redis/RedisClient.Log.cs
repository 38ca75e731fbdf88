using Microsoft.Extensions.Logging;

namespace RunsGateway.Redis;

/// <summary>Source-generated log messages; they name the endpoint, never the configuration (which holds the password).</summary>
internal sealed partial class RedisClient
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to Redis at {Endpoint} (RESP{Protocol}, database {Database})")]
    private partial void LogConnected(string endpoint, int protocol, int database);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Connecting to Redis at {Endpoint} failed (attempt {Attempt}); retrying in {DelayMs} ms: {Reason}")]
    private partial void LogConnectFailed(string endpoint, int attempt, long delayMs, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Lost the connection to Redis at {Endpoint}; reconnecting in the background: {Reason}")]
    private partial void LogConnectionLost(string endpoint, string reason);
}
