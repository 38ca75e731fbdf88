namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>The media type a GraphQL response is written in.</summary>
internal enum ResponseMediaType
{
    /// <summary>The <c>Accept</c> header admits neither supported media type.</summary>
    None,

    /// <summary><c>application/graphql-response+json</c>: status codes follow the GraphQL outcome.</summary>
    GraphQLResponseJson,

    /// <summary><c>application/json</c> (legacy clients): every well-formed request gets 200.</summary>
    Json,
}
