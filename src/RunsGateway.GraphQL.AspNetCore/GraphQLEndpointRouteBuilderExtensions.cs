using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.GraphQL.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps GraphQL over HTTP and the Banana Cake Pop IDE onto a path.</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves GraphQL over HTTP on <paramref name="pattern"/> (POST with JSON; GET for queries) with the
    /// <c>RequestExecutor</c> registered in the services, and Banana Cake Pop to browsers on the same path.
    /// Requires <c>services.AddGraphQLHttp(...)</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="pattern">The GraphQL path, a literal such as <c>/graphql</c>.</param>
    /// <returns>A builder for endpoint conventions and this endpoint's options.</returns>
    public static GraphQLEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<GraphQLHttpMarker>() is null)
        {
            throw new InvalidOperationException(
                "MapGraphQL needs the GraphQL HTTP services: call services.AddGraphQLHttp(...) when configuring the services.");
        }

        var path = "/" + pattern.Trim('/');
        var configureOptions = new List<Action<GraphQLHttpOptions>>();
        var endpoint = new GraphQLEndpoint(endpoints.ServiceProvider, configureOptions);

        // Every method reaches the handler, so unsupported ones get the spec's 405 with an Allow header and a JSON body.
        var graphQL = endpoints.Map(path, endpoint.HandleAsync).WithDisplayName($"GraphQL {path}");

        // GET and POST are mapped again with their methods declared: routing matches a browser's CORS preflight by the method it
        // asks for only against endpoints that declare their methods, so without these a preflight for POST found no endpoint (404).
        var graphQLMethods = endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], endpoint.HandleAsync).WithDisplayName($"GraphQL {path} (GET, POST)");
        var ideFiles = endpoints
            .MapMethods(path.TrimEnd('/') + "/{**" + GraphQLHttpHandler.AssetPathRouteValue + "}", [HttpMethods.Get, HttpMethods.Head], endpoint.HandleIdeAssetAsync)
            .WithDisplayName($"GraphQL IDE files {path}");

        return new GraphQLEndpointConventionBuilder([graphQL, graphQLMethods, ideFiles], configureOptions);
    }
}
