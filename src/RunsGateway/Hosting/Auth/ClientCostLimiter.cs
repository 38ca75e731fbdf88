using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RunsGateway.Hosting.Auth;

/// <summary>
/// Cost points per client (<see cref="GatewayRateLimitOptions.CostLimit"/>): each client has a bucket of points that refills
/// continuously at <c>CostLimit</c> per <c>Window</c> up to <c>CostLimit</c>. A request is admitted while its client has a point left;
/// what it cost is taken when it ends, so one expensive request can leave its client in debt, and the client is refused until the
/// refill has paid it off. Other clients are unaffected. Buckets of clients back at their full budget are forgotten.
/// </summary>
internal sealed class ClientCostLimiter(IOptions<GatewayRateLimitOptions> options, TimeProvider time)
{
    // Past this many tracked clients, the full buckets (equivalent to untracked clients) are dropped when a new client arrives.
    internal const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Clients tracked now (for tests).</summary>
    internal int TrackedClients => _buckets.Count;

    /// <summary>
    /// Whether <paramref name="client"/> (a <see cref="ClientIdentity.Of"/> partition) may run an operation now; when not,
    /// <paramref name="retryAfter"/> is how long until it has a point again.
    /// </summary>
    public bool TryAdmit(string client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var limit = LimitOf(client);
        if (limit == 0 || !_buckets.TryGetValue(client, out var bucket))
        {
            return true;
        }

        var balance = bucket.Refill(Now, limit, PointsPerSecond(limit));
        if (balance >= 1)
        {
            return true;
        }

        retryAfter = TimeSpan.FromSeconds((1 - balance) / PointsPerSecond(limit));
        return false;
    }

    /// <summary>Takes what an operation cost from its client's points; returns the points left (negative while in debt).</summary>
    public double Charge(string client, int cost)
    {
        var limit = LimitOf(client);
        if (limit == 0)
        {
            return double.PositiveInfinity;
        }

        if (!_buckets.TryGetValue(client, out var bucket))
        {
            if (_buckets.Count >= SweepThreshold)
            {
                Sweep();
            }

            bucket = _buckets.GetOrAdd(client, static (_, start) => new Bucket(start.Limit, start.Now), (Limit: limit, Now));
        }

        return bucket.Take(Now, limit, PointsPerSecond(limit), cost);
    }

    /// <summary>The cost limit of one client: its override when configured, else <see cref="GatewayRateLimitOptions.CostLimit"/>.</summary>
    public int LimitOf(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var limits = options.Value;
        return limits.Clients.Count > 0 && limits.Clients.TryGetValue(client[(client.IndexOf(':', StringComparison.Ordinal) + 1)..], out var own)
            ? own
            : limits.CostLimit;
    }

    private double PointsPerSecond(int limit) => limit / options.Value.Window.TotalSeconds;

    private DateTimeOffset Now => time.GetUtcNow();

    private void Sweep()
    {
        foreach (var (client, bucket) in _buckets)
        {
            var own = LimitOf(client);
            if (own == 0 || bucket.Refill(Now, own, PointsPerSecond(own)) >= own)
            {
                _buckets.TryRemove(client, out _);
            }
        }
    }

    private sealed class Bucket(double points, DateTimeOffset at)
    {
        private readonly Lock _sync = new();
        private double _points = points;
        private DateTimeOffset _at = at;

        public double Refill(DateTimeOffset now, int limit, double perSecond)
        {
            lock (_sync)
            {
                return RefillLocked(now, limit, perSecond);
            }
        }

        public double Take(DateTimeOffset now, int limit, double perSecond, int cost)
        {
            lock (_sync)
            {
                _points = RefillLocked(now, limit, perSecond) - cost;
                return _points;
            }
        }

        private double RefillLocked(DateTimeOffset now, int limit, double perSecond)
        {
            if (now > _at)
            {
                _points = Math.Min(limit, _points + ((now - _at).TotalSeconds * perSecond));
                _at = now;
            }

            return _points;
        }
    }
}
