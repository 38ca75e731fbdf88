namespace RunsGateway.Redis;

/// <summary>Settings of the Redis cache, bound from the <c>Redis</c> section; the connection string comes from <c>ConnectionStrings:Redis</c>.</summary>
public sealed class RedisCacheOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Redis";

    /// <summary>Gets or sets the configuration string or <c>redis://</c> URL; <c>ConnectionStrings:Redis</c> takes precedence.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the prefix put before every key, so several deployments can share one Redis.</summary>
    /// <value>The default value is <c>RunsGateway:</c>.</value>
    public string KeyPrefix { get; set; } = "RunsGateway:";

    /// <summary>Gets or sets how long the health check waits for PING.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
