namespace RunsGateway.Caching;

/// <summary>Redis settings beside the connection string (configuration section <c>Redis</c>; the connection string is <c>ConnectionStrings:Redis</c>).</summary>
public sealed class GatewayRedisOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Redis";

    /// <summary>The prefix of every key and of the purge channel, so that several deployments can share one Redis.</summary>
    /// <value>The default value is <c>RunsGateway:</c>.</value>
    public string KeyPrefix { get; set; } = "RunsGateway:";

    /// <summary>How long the <c>/readyz</c> check waits for Redis to answer PING.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A PEM certificate whose issuer is trusted for a TLS connection (<c>rediss://</c> or <c>ssl=true</c>) beside the system's
    /// certificate authorities: a private CA or a self-signed server certificate. Null trusts the system's authorities only.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>The channel on which purges are announced to every gateway instance.</summary>
    internal string PurgeChannel => KeyPrefix + "purge";
}
