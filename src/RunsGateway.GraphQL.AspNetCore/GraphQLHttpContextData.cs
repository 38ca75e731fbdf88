namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Keys of the entries the HTTP transport puts into a request's <c>ContextData</c>.</summary>
public static class GraphQLHttpContextData
{
    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext"/> of the request (for headers, user, connection).</summary>
    public const string HttpContext = "RunsGateway.HttpContext";
}
