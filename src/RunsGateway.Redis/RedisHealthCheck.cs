using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RunsGateway.Redis;

/// <summary>Reports Redis healthy when PING answers within <see cref="RedisCacheOptions.HealthCheckTimeout"/>.</summary>
internal sealed class RedisHealthCheck(RedisClient client, IOptions<RedisCacheOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var limit = options.Value.HealthCheckTimeout;
        using var timeout = new CancellationTokenSource(limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var roundTrip = await client.PingAsync(linked.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING answered in {roundTrip.TotalMilliseconds:0.0} ms by {client.Configuration.Endpoint}.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"PING to {client.Configuration.Endpoint} did not answer within {limit.TotalMilliseconds:0} ms.");
        }
        catch (RedisException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
