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
internal sealed class VendorRateBudget
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _ceiling;
    private readonly int? _perMinute;
    private readonly TimeSpan _period;
    private readonly Lock _lock = new();
    private double _tokens;
    private DateTimeOffset _lastRefill;
    private long? _vendorRemaining;
    private DateTimeOffset? _vendorReset;

    public VendorRateBudget(VendorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _ceiling = options.RetryAfterCeiling;
        _lastRefill = time.GetUtcNow();
        if (options.RequestsPerMinute is { } perMinute)
        {
            // A token bucket holding a minute's worth, refilled one request every minute/N. It is computed on the injected clock:
            // System.Threading.RateLimiting's TokenBucketRateLimiter measures time with Stopwatch, which a test clock cannot drive.
            _perMinute = perMinute;
            _period = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / perMinute);
            _tokens = perMinute;
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
                Refill(now);
                long? remaining = _perMinute is null ? null : (long)Math.Floor(_tokens);
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

    /// <summary>Records a response's <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c>, when both are present.</summary>
    public void Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!TryHeader(response, "X-RateLimit-Remaining", out var remaining) || !TryHeader(response, "X-RateLimit-Reset", out var reset))
        {
            return;
        }

        // The reset is a Unix time on the vendor's clock: measured from the answer's Date, so clock skew does not matter; a small
        // number is taken as seconds from now (some APIs send that instead). A Retry-After on the same answer is authoritative.
        var now = _time.GetUtcNow();
        var wait = reset < 1_000_000_000
            ? TimeSpan.FromSeconds(Math.Max(0, reset))
            : DateTimeOffset.FromUnixTimeSeconds(Math.Min(reset, 253_402_300_799)) - (response.Headers.Date ?? now);
        if (RetryAfterParser.Parse(response, _time) is { } retryAfter)
        {
            wait = retryAfter;
        }

        lock (_lock)
        {
            _vendorRemaining = Math.Max(0, remaining);
            _vendorReset = now + RetryAfterParser.Clamp(wait);
        }
    }

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

            if (_perMinute is not null)
            {
                Refill(now);
                if (_tokens < 1)
                {
                    return TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) * _period.Ticks)));
                }

                _tokens--;
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

    private void Refill(DateTimeOffset now)
    {
        if (_perMinute is { } limit && now > _lastRefill)
        {
            _tokens = Math.Min(limit, _tokens + ((now - _lastRefill).Ticks / (double)_period.Ticks));
            _lastRefill = now;
        }
    }

    private static bool TryHeader(HttpResponseMessage response, string name, out long value)
    {
        value = 0;
        return response.Headers.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The permit handed to Polly's rate-limiter strategy; a refused one carries the wait as <see cref="MetadataName.RetryAfter"/>.</summary>
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
