using System.Globalization;
using System.Threading.RateLimiting;

namespace RunsGateway.Vendors.Http;

/// <summary>
/// One vendor's request budget, shared by every request of the process: the client-side token bucket of
/// <c>Vendors:&lt;Name&gt;:RequestsPerMinute</c> (when set) and the vendor's own <c>X-RateLimit-Remaining</c>/<c>X-RateLimit-Reset</c>
/// (wherever they appear; one vendor has one configured credential, so this is the credential's budget). Before each attempt the
/// resilience pipeline asks it for a permit: with budget left the request goes; when the budget comes back within the Retry-After
/// ceiling the call waits; otherwise the lease is refused with the wait as its <c>RETRY_AFTER</c> metadata and nothing is sent.
/// </summary>
internal sealed class VendorRateBudget : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _ceiling;
    private readonly TokenBucketRateLimiter? _bucket;
    private readonly TimeSpan _period;
    private readonly int _perMinute;
    private readonly Lock _lock = new();
    private DateTimeOffset _lastReplenish;
    private long? _vendorRemaining;
    private DateTimeOffset? _vendorReset;

    public VendorRateBudget(VendorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _ceiling = options.RetryAfterCeiling;
        _lastReplenish = time.GetUtcNow();
        if (options.RequestsPerMinute is { } perMinute)
        {
            // One token every minute/N, up to a minute's worth; replenished from the injected clock (not a wall-clock timer).
            _perMinute = perMinute;
            _period = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / perMinute);
            _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = _period,
                AutoReplenishment = false,
                QueueLimit = 0,
            });
        }
    }

    /// <summary>Requests that may still be sent now: the smaller of the client-side budget and the vendor's last <c>X-RateLimit-Remaining</c>; null when neither is known.</summary>
    public long? Remaining
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                Replenish(now);
                long? remaining = _bucket?.GetStatistics()?.CurrentAvailablePermits;
                if (VendorWindowOpen(now) && _vendorRemaining is { } vendor)
                {
                    remaining = remaining is { } own ? Math.Min(own, vendor) : vendor;
                }

                return remaining;
            }
        }
    }

    /// <summary>Waits for budget when it returns within the ceiling; otherwise answers a refused lease carrying the wait.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake();
            if (wait == TimeSpan.Zero)
            {
                return BudgetLease.Granted;
            }

            if (wait > _ceiling)
            {
                return new BudgetLease(wait);
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a response's <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (Unix seconds), when both are present.</summary>
    public void Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!TryHeader(response, "X-RateLimit-Remaining", out var remaining) || !TryHeader(response, "X-RateLimit-Reset", out var reset))
        {
            return;
        }

        // The reset is a Unix time on the vendor's clock: measured from the answer's Date when there is one, so clock skew does not
        // matter; a small number is taken as seconds from now (some APIs send that instead).
        var now = _time.GetUtcNow();
        var wait = reset < 1_000_000_000
            ? TimeSpan.FromSeconds(Math.Max(0, reset))
            : DateTimeOffset.FromUnixTimeSeconds(Math.Min(reset, 253_402_300_799)) - (response.Headers.Date ?? now);
        lock (_lock)
        {
            _vendorRemaining = Math.Max(0, remaining);
            _vendorReset = now + RetryAfterParser.Clamp(wait);
        }
    }

    public void Dispose() => _bucket?.Dispose();

    /// <summary>Takes one request from the budget (zero) or says how long until one is available.</summary>
    private TimeSpan TryTake()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (VendorWindowOpen(now) && _vendorRemaining == 0)
            {
                return _vendorReset!.Value - now;
            }

            if (_bucket is not null)
            {
                Replenish(now);
                using var lease = _bucket.AttemptAcquire(1);
                if (!lease.IsAcquired)
                {
                    var next = _lastReplenish + _period - now;
                    return next > TimeSpan.Zero ? next : TimeSpan.FromTicks(1);
                }
            }

            if (_vendorRemaining is > 0)
            {
                _vendorRemaining--;
            }

            return TimeSpan.Zero;
        }
    }

    private bool VendorWindowOpen(DateTimeOffset now)
    {
        if (_vendorReset is { } reset && reset <= now)
        {
            // The vendor's window has reset: its count is unknown until the next answer says.
            _vendorReset = null;
            _vendorRemaining = null;
        }

        return _vendorReset is not null;
    }

    private void Replenish(DateTimeOffset now)
    {
        if (_bucket is null)
        {
            return;
        }

        var periods = (now - _lastReplenish).Ticks / _period.Ticks;
        if (periods <= 0)
        {
            return;
        }

        for (var i = 0; i < Math.Min(periods, _perMinute); i++)
        {
            _bucket.TryReplenish();
        }

        _lastReplenish = periods >= _perMinute ? now : _lastReplenish + (_period * periods);
    }

    private static bool TryHeader(HttpResponseMessage response, string name, out long value)
    {
        value = 0;
        return response.Headers.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private sealed class BudgetLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly BudgetLease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
