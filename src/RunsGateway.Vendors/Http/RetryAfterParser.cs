namespace RunsGateway.Vendors.Http;

/// <summary>Reads a <c>Retry-After</c> header (seconds or an HTTP date).</summary>
internal static class RetryAfterParser
{
    public static TimeSpan? Parse(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
