namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Keys of the entries the HTTP transport puts into a request's <c>ContextData</c>.</summary>
public static class GraphQLHttpContextData
{
    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext"/> of the request (for headers, user, connection).</summary>
    public const string HttpContext = "RunsGateway.HttpContext";

    /// <summary>The request's <see cref="GraphQLCacheControl"/>: resolvers say how long what they returned may be cached.</summary>
    public const string CacheControl = "RunsGateway.CacheControl";
}
