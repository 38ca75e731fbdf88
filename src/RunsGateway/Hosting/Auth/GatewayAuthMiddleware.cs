using System.Text.Json;
using Microsoft.Extensions.Options;
using RunsGateway.Telemetry;

namespace RunsGateway.Hosting.Auth;

/// <summary>
/// Requires an authenticated client for GraphQL operations on <c>/graphql</c> when <c>Gateway:Auth:Mode</c> is not <c>none</c>; the IDE's
/// page and files load without it (the IDE then sends the header the user sets). Unauthenticated operations get a 401 with a
/// GraphQL-over-HTTP JSON body (code <c>UNAUTHENTICATED</c>).
/// </summary>
internal sealed partial class GatewayAuthMiddleware(RequestDelegate next, IOptions<GatewayOptions> gateway, IOptions<GatewayAuthOptions> auth, GatewayMetrics metrics, ILogger<GatewayAuthMiddleware> logger)
{
    public const string Code = "UNAUTHENTICATED";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!ClientIdentity.IsOperation(context, gateway.Value.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var client = ClientIdentity.Of(context);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            LogRejected(logger, client);
            var response = context.Response;
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = auth.Value.Mode == GatewayAuthMode.Jwt ? "Bearer" : $"ApiKey header=\"{GatewayAuthOptions.ApiKeyHeader}\"";
            response.ContentType = "application/json; charset=utf-8";
            var message = auth.Value.Mode == GatewayAuthMode.Jwt
                ? "This endpoint needs a valid bearer token (Authorization: Bearer …)."
                : $"This endpoint needs a valid API key ({GatewayAuthOptions.ApiKeyHeader} header).";
            await JsonSerializer.SerializeAsync(response.Body, ErrorBody.Of(message, Code), GatewayJsonContext.Default.ErrorBody, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        metrics.ClientRequest(client);
        using (logger.BeginScope(new Dictionary<string, object?> { ["Client"] = client }))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Rejected an unauthenticated GraphQL operation from {Client}.")]
    private static partial void LogRejected(ILogger logger, string client);
}
