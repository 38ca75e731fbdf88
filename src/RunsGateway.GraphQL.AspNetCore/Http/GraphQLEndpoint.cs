using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunsGateway.GraphQL.AspNetCore.Ide;
using RunsGateway.GraphQL.AspNetCore.Subscriptions;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>
/// One mapped GraphQL path. Its handler is built on the first request, so options adjusted through
/// <see cref="GraphQLEndpointConventionBuilder.WithOptions"/> after mapping still apply.
/// </summary>
internal sealed class GraphQLEndpoint
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<Action<GraphQLHttpOptions>> _configureOptions;
    private readonly Lazy<GraphQLHttpHandler> _handler;

    public GraphQLEndpoint(IServiceProvider services, IReadOnlyList<Action<GraphQLHttpOptions>> configureOptions)
    {
        _services = services;
        _configureOptions = configureOptions;
        _handler = new Lazy<GraphQLHttpHandler>(CreateHandler, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task HandleAsync(HttpContext context) => _handler.Value.HandleAsync(context);

    public Task HandleIdeAssetAsync(HttpContext context) => _handler.Value.HandleIdeAssetAsync(context);

    private GraphQLHttpHandler CreateHandler()
    {
        var options = _services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.Clone();
        foreach (var configure in _configureOptions)
        {
            configure(options);
        }

        var validation = new GraphQLHttpOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(GraphQLHttpOptions), validation.Failures);
        }

        return new GraphQLHttpHandler(
            options,
            _services.GetRequiredService<RequestExecutor>(),
            IdeAssets.Embedded,
            [.. _services.GetServices<IGraphQLRequestInterceptor>()],
            _services.GetRequiredService<ILogger<GraphQLHttpHandler>>(),
            new StreamingServices(
                _services.GetRequiredService<IOptions<GraphQLSubscriptionOptions>>().Value,
                _services.GetRequiredService<SubscriptionLimiter>(),
                [.. _services.GetServices<IGraphQLWebSocketInterceptor>()],
                _services.GetService<TimeProvider>() ?? TimeProvider.System,
                _services.GetRequiredService<ILoggerFactory>(),
                _services.GetRequiredService<PersistedOperations.PersistedOperationResolver>()));
    }
}
