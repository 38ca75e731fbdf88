using Microsoft.AspNetCore.Builder;

namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>
/// Returned by <c>MapGraphQL</c>: applies endpoint conventions (authorization, CORS, rate limiting…) to the GraphQL
/// endpoint and the IDE's files alike, and adjusts this endpoint's <see cref="GraphQLHttpOptions"/>.
/// </summary>
public sealed class GraphQLEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly IEndpointConventionBuilder[] _builders;
    private readonly List<Action<GraphQLHttpOptions>> _configureOptions;

    internal GraphQLEndpointConventionBuilder(IEndpointConventionBuilder[] builders, List<Action<GraphQLHttpOptions>> configureOptions)
    {
        _builders = builders;
        _configureOptions = configureOptions;
    }

    /// <summary>
    /// Adjusts the options of this endpoint only, on top of the registered <see cref="GraphQLHttpOptions"/>
    /// (configuration section <c>GraphQL:Http</c>); applied when the endpoint handles its first request.
    /// </summary>
    /// <param name="configure">Changes the endpoint's copy of the options.</param>
    /// <returns>This builder.</returns>
    public GraphQLEndpointConventionBuilder WithOptions(Action<GraphQLHttpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configureOptions.Add(configure);
        return this;
    }

    /// <inheritdoc />
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in _builders)
        {
            builder.Add(convention);
        }
    }

    /// <inheritdoc />
    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in _builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}
