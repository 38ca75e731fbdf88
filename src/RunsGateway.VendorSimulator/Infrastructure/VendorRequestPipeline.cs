using System.Globalization;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>
/// Runs every request of a simulated vendor: counts it, applies the vendor's fault (latency, status, malformed
/// body, hang), checks the credential, then routes to the vendor's handler.
/// </summary>
internal sealed partial class VendorRequestPipeline(
    FaultStore faults,
    RequestStats stats,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<VendorRequestPipeline> logger)
{
    public async Task InvokeAsync(HttpContext context, ISimulatedVendorApi api)
    {
        var rest = context.GetRouteValue("rest") as string ?? string.Empty;
        string[] segments = rest.Length == 0 ? [] : rest.Split('/');
        var template = api.MatchTemplate(segments);
        var method = context.Request.Method;
        stats.Record(api.Vendor, template is null ? $"{method} (unmatched)" : $"{method} {template}");

        using var inFlight = stats.Enter(api.Vendor);
        var cancellationToken = context.RequestAborted;
        try
        {
            if (faults.Get(api.Vendor) is { } fault && await ApplyFaultAsync(context, api, fault, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (!api.IsAuthorized(context.Request))
            {
                await api.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (template is null)
            {
                await api.WriteErrorAsync(context, StatusCodes.Status404NotFound, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!HttpMethods.IsGet(method))
            {
                context.Response.Headers.Allow = "GET";
                await api.WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            await api.HandleAsync(context, segments, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up (typically on a hang or latency fault); there is nobody left to answer.
        }
    }

    /// <summary>Counts the request against the vendor's limit and sends the rate-limit headers; true when it was answered 429.</summary>
    private async Task<bool> ApplyRateLimitAsync(HttpContext context, ISimulatedVendorApi api, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (allowed, remaining, reset) = faults.TakeRateLimited(api.Vendor, limit, now);
        var headers = context.Response.Headers;
        headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (allowed)
        {
            return false;
        }

        var retryAfter = (int)Math.Ceiling((reset - now).TotalSeconds);
        headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        LogFaultInjected(logger, api.Vendor.Name(), StatusCodes.Status429TooManyRequests, false);
        await api.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, retryAfter, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Applies a fault; true when the request has been answered (or abandoned) by it.</summary>
    private async Task<bool> ApplyFaultAsync(HttpContext context, ISimulatedVendorApi api, SimulatorFaultOptions fault, CancellationToken cancellationToken)
    {
        if (fault.LatencyMs > 0)
        {
            // Latency is wall-clock time on purpose: the injected TimeProvider drives the simulated run clock,
            // and a test's manual clock must not freeze every request.
            await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        if (fault.RequestsPerMinute is { } limit && await ApplyRateLimitAsync(context, api, limit, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (!faults.Triggers(fault))
        {
            return false;
        }

        var vendor = api.Vendor.Name();
        if (fault.Hang)
        {
            LogHanging(logger, vendor);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Aborted by the client or by shutdown: either way no response is written.
            }

            context.Abort();
            return true;
        }

        var status = fault.Status == 0 ? StatusCodes.Status200OK : fault.Status;
        var retryAfter = fault.RetryAfterSeconds ?? (status == StatusCodes.Status429TooManyRequests ? 1 : null);
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        LogFaultInjected(logger, vendor, status, fault.Malformed);
        if (fault.Malformed)
        {
            await JsonResponses.WriteMalformedAsync(context, status, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await api.WriteErrorAsync(context, status, retryAfter, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
