using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using RunsGateway.Core;

namespace RunsGateway.Vendors.Http;

/// <summary>
/// The project's rules for a vendor's resilience handler (<c>AddResilienceHandler</c>; one pipeline per vendor, shared by the
/// process), outermost first: retry → circuit breaker → request budget and concurrency slot → attempt timeout. The body is read by
/// <see cref="VendorBodyHandler"/> below the pipeline, so it is inside the attempt timeout and the concurrency slot.
/// </summary>
internal static partial class VendorResilience
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        VendorOptions options,
        TimeProvider time,
        VendorRateBudget budget,
        ILogger logger,
        Action<Action> onDisposed)
    {
        var vendor = options.Vendor;
        pipeline.TimeProvider = time;

        // Polly's own telemetry (an event per execution and attempt, and its resilience.polly.* instruments, none of which the
        // gateway exports) is off: the vendor layer logs retries and circuit changes itself and reports every call as a span and
        // metrics (VendorTelemetry), so the pipeline's telemetry layer only cost time on every call.
        pipeline.TelemetryListener = null;
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome, options.RetryAfterCeiling, time)),

                // A 429's own Retry-After (within the ceiling, else it was not retried); null falls back to the jittered backoff.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response ? RetryAfterParser.Parse(response, time) : null),
                OnRetry = args =>
                {
                    var exceptionType = args.Outcome.Exception is { } exception ? exception.GetType().Name : null;
                    LogRetry(logger, vendor, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode, exceptionType, args.RetryDelay);
                    return default;
                },
            });
        }

        pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsVendorFailure(args.Outcome)),
            OnOpened = args =>
            {
                LogCircuitOpened(logger, vendor, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(logger, vendor);
                return default;
            },
        });

        // Per attempt, one rate-limiter strategy: first the budget (spent: wait near its reset, or refuse without sending), then a
        // concurrency slot, held for the attempt (not across a retry's backoff); waiting for a slot never fails. One strategy
        // rather than Polly's rate limiter plus its concurrency limiter: an attempt passes one layer, not two.
        var slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        onDisposed(slots.Dispose);
        pipeline.AddRateLimiter(new RateLimiterStrategyOptions
        {
            Name = "budget",
            RateLimiter = args => AcquireAsync(budget, slots, args.Context.CancellationToken),
        });
        pipeline.AddTimeout(options.Timeout);
    }

    private static async ValueTask<RateLimitLease> AcquireAsync(VendorRateBudget budget, ConcurrencyLimiter slots, CancellationToken cancellationToken)
    {
        var lease = await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired ? await slots.AcquireAsync(1, cancellationToken).ConfigureAwait(false) : lease;
    }

    /// <summary>Whether an outcome counts against the vendor's health (circuit breaker): 5xx, transport errors and timeouts; never 429.</summary>
    internal static bool IsVendorFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException => true,
        null => outcome.Result is { } response && (int)response.StatusCode >= 500,
        _ => false,
    };

    private static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome, TimeSpan ceiling, TimeProvider time)
    {
        var method = context.GetRequestMessage()?.Method;
        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            // Timeouts are not retried (a hung vendor would hold the caller for several timeouts); neither are a refused
            // budget, an oversized body or an open circuit.
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfterParser.Parse(response, time);
            return retryAfter is null || retryAfter <= ceiling;
        }

        return (int)response.StatusCode >= 500;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Retrying {Vendor} call, attempt {Attempt}, after status {Status} / {Exception}, in {Delay}")]
    private static partial void LogRetry(ILogger logger, Vendor vendor, int attempt, int? status, string? exception, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Circuit to {Vendor} opened for {BreakDuration}")]
    private static partial void LogCircuitOpened(ILogger logger, Vendor vendor, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Circuit to {Vendor} closed")]
    private static partial void LogCircuitClosed(ILogger logger, Vendor vendor);
}
