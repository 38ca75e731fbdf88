using Microsoft.AspNetCore.Http;

namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>
/// Lets the application accept or refuse a <c>graphql-transport-ws</c> connection when its <c>connection_init</c> arrives
/// (for example to check a token in the payload). Registered as a DI service; all registrations must accept.
/// </summary>
public interface IGraphQLWebSocketInterceptor
{
    /// <summary>Returns false to refuse the connection, which is then closed with 4403 Forbidden.</summary>
    /// <param name="httpContext">The WebSocket's upgrade request.</param>
    /// <param name="payload">The <c>connection_init</c> payload in the engine's runtime representation, or null.</param>
    /// <param name="cancellationToken">Cancelled when the socket goes away.</param>
    ValueTask<bool> OnConnectAsync(HttpContext httpContext, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken);
}
