using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using RunsGateway.Core;

namespace RunsGateway.Vendors.Http;

/// <summary>
/// One vendor's resilience, shared by every request of the process: retry (GETs only; 5xx, transport errors and 429 within the
/// Retry-After ceiling) around a circuit breaker around the concurrency limit around a per-attempt timeout.
/// </summary>
internal sealed partial class VendorPipeline : IDisposable
{
    private static readonly ResiliencePropertyKey<bool> Retryable = new("RunsGateway.Vendors.Retryable");

    private readonly ResiliencePipeline<HttpResponseMessage> _outer;
    private readonly ResiliencePipeline _timeout;
    private readonly SemaphoreSlim _limiter;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retryAfterCeiling;
    private readonly ILogger _logger;

    public VendorPipeline(VendorOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Vendor = options.Vendor;
        _timeProvider = timeProvider;
        _retryAfterCeiling = options.RetryAfterCeiling;
        _logger = logger;
        _limiter = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        MaxConcurrentRequests = options.MaxConcurrentRequests;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider, Name = $"vendor-{Vendor.ToSlug()}" };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome)),
                OnRetry = args =>
                {
                    var exceptionType = args.Outcome.Exception is { } exception ? exception.GetType().Name : null;
                    LogRetry(_logger, Vendor, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode, exceptionType, args.RetryDelay);

                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            OnOpened = args =>
            {
                LogCircuitOpened(_logger, Vendor, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(_logger, Vendor);
                return default;
            },
        });
        _outer = builder.Build();
        _timeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(options.Timeout).Build();
    }

    /// <summary>The vendor.</summary>
    public Vendor Vendor { get; }

    /// <summary>The concurrency limit.</summary>
    public int MaxConcurrentRequests { get; }

    /// <summary>Requests currently holding a concurrency slot.</summary>
    public int InFlight => MaxConcurrentRequests - _limiter.CurrentCount;

    /// <summary>Sends <paramref name="request"/> through the pipeline; <paramref name="send"/> performs one attempt.</summary>
    /// <exception cref="TimeoutRejectedException">An attempt timed out.</exception>
    /// <exception cref="BrokenCircuitException">The circuit is open.</exception>
    /// <exception cref="HttpRequestException">A transport error on the last attempt.</exception>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Retryable, request.Method == HttpMethod.Get || request.Method == HttpMethod.Head);
        try
        {
            var outcome = await _outer.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.self.AttemptAsync(state.request, state.send, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ctx.CancellationToken.IsCancellationRequested)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (self: this, request, send)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _limiter.Dispose();

    private async Task<HttpResponseMessage> AttemptAsync(
        HttpRequestMessage request,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken)
    {
        await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _timeout.ExecuteAsync(
                static async (state, ct) =>
                {
                    var response = await state.send(state.request, ct).ConfigureAwait(false);
                    try
                    {
                        // The body is read while the slot is held, so the limit counts whole exchanges, and under the timeout, so a stalled body times out.
                        await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
                    }
                    catch
                    {
                        response.Dispose();
                        throw;
                    }

                    return response;
                },
                (request, send),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _limiter.Release();
        }
    }

    /// <summary>Whether an outcome counts as a failure of the vendor (for the circuit breaker).</summary>
    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException => true,
        null => outcome.Result is { } response && (int)response.StatusCode >= 500,
        _ => false,
    };

    private bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        if (!context.Properties.GetValue(Retryable, false))
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            // Timeouts are not retried: a hung vendor would otherwise hold the caller for several timeouts.
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfterParser.Parse(response, _timeProvider);
            return retryAfter is null || retryAfter <= _retryAfterCeiling;
        }

        return (int)response.StatusCode >= 500;
    }

    private TimeSpan? RetryAfterDelay(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response ? RetryAfterParser.Parse(response, _timeProvider) : null;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Retrying {Vendor} call, attempt {Attempt}, after status {Status} / {Exception}, in {Delay}")]
    private static partial void LogRetry(ILogger logger, Vendor vendor, int attempt, int? status, string? exception, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Circuit to {Vendor} opened for {BreakDuration}")]
    private static partial void LogCircuitOpened(ILogger logger, Vendor vendor, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Circuit to {Vendor} closed")]
    private static partial void LogCircuitClosed(ILogger logger, Vendor vendor);
}
