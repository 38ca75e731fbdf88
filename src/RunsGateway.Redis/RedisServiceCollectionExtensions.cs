using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunsGateway.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis client, its caches and its health check.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>The name of the health check registered by <see cref="AddRedisCache"/>.</summary>
    public const string HealthCheckName = "redis";

    /// <summary>
    /// Registers one shared Redis connection configured from <c>ConnectionStrings:Redis</c> (options from the
    /// <c>Redis</c> section, validated on start), <see cref="IDistributedCache"/>, <see cref="IBatchCache"/> and a
    /// health check named <c>redis</c> that sends PING with a timeout.
    /// </summary>
    public static IServiceCollection AddRedisCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var alreadyAdded = services.Any(descriptor => descriptor.ServiceType == typeof(RedisCache));

        services.AddOptions<RedisCacheOptions>()
            .Bind(configuration.GetSection(RedisCacheOptions.SectionName))
            .PostConfigure(options =>
            {
                if (configuration.GetConnectionString("Redis") is { Length: > 0 } connectionString)
                {
                    options.ConnectionString = connectionString;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisCacheOptions>, RedisCacheOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new RedisClient(
            RedisConfiguration.Parse(provider.GetRequiredService<IOptions<RedisCacheOptions>>().Value.ConnectionString!),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger<RedisClient>() ?? NullLogger<RedisClient>.Instance));
        services.TryAddSingleton<RedisCache>();
        services.TryAddSingleton<IDistributedCache>(provider => provider.GetRequiredService<RedisCache>());
        services.TryAddSingleton<IBatchCache>(provider => provider.GetRequiredService<RedisCache>());

        if (!alreadyAdded)
        {
            services.AddHealthChecks().AddCheck<RedisHealthCheck>(HealthCheckName, tags: ["ready"]);
        }

        return services;
    }
}
