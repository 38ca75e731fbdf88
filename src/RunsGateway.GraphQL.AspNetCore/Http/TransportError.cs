using Microsoft.AspNetCore.Http;
namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>An error the transport answers itself, before the engine runs.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Code">The stable <c>extensions.code</c> (see <see cref="GraphQLHttpErrorCodes"/>).</param>
/// <param name="Message">The message for the client.</param>
internal sealed record TransportError(int StatusCode, string Code, string Message)
{
    public static TransportError BadRequest(string message) => new(StatusCodes.Status400BadRequest, GraphQLHttpErrorCodes.BadRequest, message);

    public static TransportError InvalidJson(string message) => new(StatusCodes.Status400BadRequest, GraphQLHttpErrorCodes.InvalidJson, message);
}
