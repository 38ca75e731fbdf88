namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Registered by <c>AddGraphQLHttp</c>, so <c>MapGraphQL</c> can tell a missing registration early.</summary>
internal sealed class GraphQLHttpMarker;
