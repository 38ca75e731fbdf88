namespace RunsGateway.Vendors.Http;

/// <summary>Reads a <c>Retry-After</c> header (seconds or an HTTP date), clamped to <see cref="Max"/>.</summary>
internal static class RetryAfterParser
{
    /// <summary>The longest wait ever reported: a date far in the future (e.g. 2099) becomes one day, in the message and in <c>retryAfter</c> alike.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(1);

    public static TimeSpan? Parse(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return Clamp(delta);
        }

        return header?.Date is { } date ? Clamp(date - timeProvider.GetUtcNow()) : null;
    }

    public static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Max ? Max : wait;
}
