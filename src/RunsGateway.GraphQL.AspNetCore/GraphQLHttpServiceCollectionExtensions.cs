using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.GraphQL.AspNetCore.PersistedOperations;
using RunsGateway.GraphQL.AspNetCore.Subscriptions;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the GraphQL-over-HTTP transport.</summary>
public static class GraphQLHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the transport's services, <see cref="GraphQLHttpOptions"/> (bound to the <c>GraphQL:Http</c>
    /// section), <see cref="GraphQLSubscriptionOptions"/> (<c>GraphQL:Subscriptions</c>) and
    /// <see cref="GraphQLPersistedOperationOptions"/> (<c>GraphQL:PersistedOperations</c>), validated at start-up, and the
    /// persisted-query store: the registered <see cref="IDistributedCache"/> if any, else an in-process one. The host registers the <see cref="RequestExecutor"/> itself (a singleton),
    /// or uses the overload that takes a schema factory.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options after configuration binding.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services, Action<GraphQLHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(static descriptor => descriptor.ServiceType == typeof(GraphQLHttpMarker)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return services;
        }

        services.AddSingleton<GraphQLHttpMarker>();
        var options = services.AddOptions<GraphQLHttpOptions>().BindConfiguration(GraphQLHttpOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphQLHttpOptions>, GraphQLHttpOptionsValidator>());
        services.AddOptions<GraphQLSubscriptionOptions>().BindConfiguration(GraphQLSubscriptionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphQLSubscriptionOptions>, GraphQLSubscriptionOptionsValidator>());
        services.TryAddSingleton<SubscriptionLimiter>();
        services.AddOptions<GraphQLPersistedOperationOptions>().BindConfiguration(GraphQLPersistedOperationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphQLPersistedOperationOptions>, GraphQLPersistedOperationOptionsValidator>());

        // Persisted queries live in the application's distributed cache (Redis when the host configures it), else in process.
        services.TryAddSingleton<IPersistedOperationStore>(provider => provider.GetService<IDistributedCache>() is { } cache
            ? new DistributedCachePersistedOperationStore(cache)
            : new InMemoryPersistedOperationStore());
        services.TryAddSingleton(provider => new PersistedOperationResolver(
            provider.GetRequiredService<IOptions<GraphQLPersistedOperationOptions>>().Value,
            provider.GetRequiredService<IPersistedOperationStore>()));
        return services;
    }

    /// <summary>
    /// Registers the transport (see the other overload) and a singleton <see cref="RequestExecutor"/> over the schema
    /// <paramref name="schemaFactory"/> builds, with <see cref="ExecutionOptions"/> bound to the <c>GraphQL:Execution</c>
    /// section and validated at start-up, and the registered <see cref="TimeProvider"/> if any. An executor registered
    /// before this call is kept.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="schemaFactory">Builds the schema once, from the root services.</param>
    /// <param name="configure">Adjusts the HTTP options after configuration binding.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddGraphQLHttp(
        this IServiceCollection services,
        Func<IServiceProvider, Schema> schemaFactory,
        Action<GraphQLHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(schemaFactory);
        services.AddGraphQLHttp(configure);

        services.AddOptions<ExecutionOptions>()
            .BindConfiguration(ExecutionOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExecutionOptions>, ExecutionOptionsValidator>());
        services.TryAddSingleton(serviceProvider => new RequestExecutor(
            schemaFactory(serviceProvider),
            serviceProvider.GetRequiredService<IOptions<ExecutionOptions>>().Value,
            serviceProvider.GetService<TimeProvider>()));
        return services;
    }
}
