using Microsoft.Extensions.Logging;

namespace RunsGateway.GraphQL.AspNetCore.Subscriptions;

/// <summary>What the streaming transports (SSE and WebSocket) of one endpoint need besides the executor.</summary>
internal sealed record StreamingServices(
    GraphQLSubscriptionOptions Options,
    SubscriptionLimiter Limiter,
    IGraphQLWebSocketInterceptor[] WebSocketInterceptors,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory,
    PersistedOperations.PersistedOperationResolver PersistedOperations);
