using Microsoft.Extensions.Logging;

namespace RunsGateway.GraphQL.AspNetCore.Http;

internal sealed partial class GraphQLHttpHandler
{
    [LoggerMessage(1, LogLevel.Error, "Executing a GraphQL request failed unexpectedly.")]
    private static partial void LogExecutionFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "GraphQL request rejected with {StatusCode} ({Code}).")]
    private static partial void LogRequestRejected(ILogger logger, int statusCode, string code);
}
