using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Telemetry;

namespace RunsGateway.Caching;

/// <summary>Registers the run cache: HybridCache with an in-process tier, and Redis as the shared tier when one is configured.</summary>
internal static class RunCacheServiceCollectionExtensions
{
    /// <summary>The configuration key of the Redis connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Redis";

    /// <summary>The name of the Redis health check (part of <c>/readyz</c>).</summary>
    public const string HealthCheckName = "redis";

    /// <summary>
    /// Registers <see cref="RunCache"/> over <see cref="HybridCache"/> (options from <c>Cache</c>). With <c>ConnectionStrings:Redis</c>
    /// set, Redis (<c>AddStackExchangeRedisCache</c>, one shared connection, options from <c>Redis</c>) is the shared tier behind
    /// <see cref="ResilientDistributedCache"/>, purges travel over Redis pub/sub, and <c>/readyz</c> checks Redis.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string is invalid (the message names the key, never a value).</exception>
    public static IServiceCollection AddRunCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GatewayCacheOptions>().BindConfiguration(GatewayCacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GatewayRedisOptions>().BindConfiguration(GatewayRedisOptions.SectionName).ValidateOnStart();

        // The in-process tier is bounded by the serialised size of what it holds.
        services.AddMemoryCache();
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<GatewayCacheOptions>>((memory, cache) => memory.SizeLimit = cache.Value.InMemorySizeLimitBytes);

        var hybrid = services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<GatewayCacheOptions>>((hybridOptions, cache) =>
        {
            hybridOptions.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = cache.Value.FinishedRunLifetime,
                LocalCacheExpiration = cache.Value.LocalLifetime,
            };
        });
        hybrid.AddSerializer<Run?>(new CacheSerializer<Run>(CacheJsonContext.Default.Run));
        hybrid.AddSerializer<Summary?>(new CacheSerializer<Summary>(CacheJsonContext.Default.Summary));
        hybrid.AddSerializer<SpecPage?>(new CacheSerializer<SpecPage>(CacheJsonContext.Default.SpecPage));
        hybrid.AddSerializer<SpecList?>(new CacheSerializer<SpecList>(CacheJsonContext.Default.SpecList));

        var connectionString = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            AddRedisTier(services, connectionString, configuration[$"{GatewayRedisOptions.SectionName}:{nameof(GatewayRedisOptions.TrustedCertificatePath)}"]);
        }

        services.TryAddSingleton(sp => new RunCache(
            sp.GetRequiredService<HybridCache>(),
            sp.GetRequiredService<IOptions<GatewayCacheOptions>>(),
            sp.GetRequiredService<GatewayMetrics>(),
            sp.GetRequiredService<ILogger<RunCache>>(),
            sp.GetService<RunCacheInvalidation>()));
        return services;
    }

    private static void AddRedisTier(IServiceCollection services, string connectionString, string? trustedCertificatePath)
    {
        if (!RedisConnectionString.TryParse(connectionString, out var configuration, out var error))
        {
            throw new InvalidOperationException($"{ConnectionStringKey} is invalid: {error}");
        }

        if (!string.IsNullOrWhiteSpace(trustedCertificatePath))
        {
            const string key = $"{GatewayRedisOptions.SectionName}:{nameof(GatewayRedisOptions.TrustedCertificatePath)}";
            if (!File.Exists(trustedCertificatePath))
            {
                throw new InvalidOperationException($"{key} names a file that does not exist: {trustedCertificatePath}");
            }

            // Trusts the issuer of this certificate too (a private CA, or a self-signed server certificate).
            configuration.TrustIssuer(trustedCertificatePath);
        }

        services.TryAddSingleton(new RedisConnection(configuration));
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<RedisConnection, IOptions<GatewayRedisOptions>>((redis, connection, gateway) =>
        {
            redis.InstanceName = gateway.Value.KeyPrefix;
            redis.ConnectionMultiplexerFactory = connection.GetAsync;
        });

        // HybridCache reads IDistributedCache: put the outage guard between it and Redis.
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IDistributedCache))
            ?? throw new InvalidOperationException("AddStackExchangeRedisCache registered no IDistributedCache.");
        services.Remove(registered);
        services.AddSingleton<IDistributedCache>(sp => ActivatorUtilities.CreateInstance<ResilientDistributedCache>(sp, Create(sp, registered)));

        services.TryAddSingleton<RunCacheInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<RunCacheInvalidation>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(HealthCheckName, tags: ["ready"]);
    }

    private static IDistributedCache Create(IServiceProvider services, ServiceDescriptor descriptor) => (IDistributedCache)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
