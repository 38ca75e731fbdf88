using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RunsGateway.Caching;

/// <summary>
/// <c>/readyz</c>'s Redis check: healthy when PING answers within <see cref="GatewayRedisOptions.HealthCheckTimeout"/>. A failure says
/// why (refused credentials, unreachable, slow) and names the endpoint, never the password.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection connection, IOptions<GatewayRedisOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.HealthCheckTimeout;
        var connecting = connection.GetAsync();
        if (!connecting.IsCompleted)
        {
            try
            {
                await connecting.WaitAsync(limit, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Failed(context, $"Redis at {connection.Endpoints} is not connected yet (still trying).");
            }
        }

        try
        {
            var ping = PingAsync();
            var roundTrip = await ping.WaitAsync(limit, timeProvider, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"PING answered in {roundTrip.TotalMilliseconds:0.0} ms by {connection.Endpoints}."));
        }
        catch (TimeoutException)
        {
            return Failed(context, string.Create(CultureInfo.InvariantCulture, $"Redis at {connection.Endpoints} did not answer PING within {limit.TotalMilliseconds:0} ms."));
        }
        catch (RedisException ex)
        {
            return Failed(context, Explain(ex));
        }
    }

    private async Task<TimeSpan> PingAsync()
    {
        var multiplexer = await connection.GetAsync().ConfigureAwait(false);
        return await multiplexer.GetDatabase().PingAsync().ConfigureAwait(false);
    }

    private string Explain(RedisException exception)
    {
        var text = exception.Message;
        if (exception is RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure }
            || text.Contains("WRONGPASS", StringComparison.Ordinal) || text.Contains("NOAUTH", StringComparison.Ordinal)
            || text.Contains("AuthenticationFailure", StringComparison.Ordinal))
        {
            return $"Redis at {connection.Endpoints} refused the credentials (check the password in ConnectionStrings:Redis).";
        }

        var reason = exception is RedisConnectionException connectionFailure ? connectionFailure.FailureType.ToString() : exception.GetType().Name;
        return $"Redis at {connection.Endpoints} is unavailable ({reason}).";
    }

    private HealthCheckResult Failed(HealthCheckContext context, string description) =>
        new(context.Registration.FailureStatus, connection.Scrub(description));
}
