using System.Security.Claims;

namespace RunsGateway.Hosting.Auth;

/// <summary>Who a request comes from, for rate limits, logs and metrics: an API-key name, a JWT subject or the client address.</summary>
internal static class ClientIdentity
{
    /// <summary>The claim the API-key handler puts the client's name in.</summary>
    public const string ClientClaim = "runsgateway:client";

    /// <summary>A stable partition key: <c>key:NAME</c>, <c>sub:SUBJECT</c> or <c>ip:ADDRESS</c>.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(ClientClaim)?.Value is { } name)
            {
                return "key:" + name;
            }

            if ((user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.NameIdentifier))?.Value is { } subject)
            {
                return "sub:" + subject;
            }
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>Whether the request runs a GraphQL operation (as opposed to loading the IDE or a preflight).</summary>
    public static bool IsOperation(HttpContext context, string graphQLPath)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.Path.Equals(graphQLPath, StringComparison.OrdinalIgnoreCase) && !request.Path.Equals(graphQLPath + "/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return HttpMethods.IsPost(request.Method) || (HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("query"));
    }
}
