using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;
using RunsGateway.Core;

namespace RunsGateway.Vendors.Http;

/// <summary>The vendor's own error code and message, and a retry-after carried in the body, as parsed from an error response.</summary>
internal readonly record struct VendorErrorBody(string? Code, string? Message, TimeSpan? RetryAfter);

/// <summary>
/// The one place where a vendor's answer becomes a value or a typed <see cref="VendorError"/>: it awaits a Refit call, takes the
/// body bytes <see cref="VendorBodyHandler"/> already read (<see cref="VendorBodyContent.Bytes"/>), and deserializes them with the
/// vendor's source-generated <see cref="JsonTypeInfo{T}"/> (a 200) or its error-body parser (anything else). Whatever inspects
/// vendor payloads (e.g. drift detection) hooks in at <see cref="Deserialize{T}"/>, which sees every successful body once.
/// </summary>
internal static class VendorResponseReader
{
    private const int MaxMessageLength = 500;

    /// <summary>
    /// Makes one upstream call (<paramref name="call"/>) and reads its answer; with <paramref name="telemetry"/>, the call gets a span
    /// (the HTTP attempts are its children) and metrics, and a 200 body is checked for drift (<paramref name="run"/> is the finding's example).
    /// </summary>
    public static async Task<Result<T>> ReadAsync<T>(
        Vendor vendor,
        Func<CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> typeInfo,
        Func<ReadOnlyMemory<byte>, VendorErrorBody> parseError,
        TimeProvider timeProvider,
        VendorTelemetry? telemetry,
        RunRef? run,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var activity = VendorTelemetry.StartCall(vendor, typeInfo);
        var started = timeProvider.GetTimestamp();
        HttpResponseMessage? response;
        Exception? failure = null;
        try
        {
            response = await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Refit wraps what the handlers threw in an ApiRequestException.
            response = null;
            failure = ex is ApiRequestException { InnerException: { } inner } ? inner : ex;
        }

        Result<T> result;
        if (response is null)
        {
            result = Result.Failure<T>(Failure(vendor, failure!));
        }
        else
        {
            using (response)
            {
                var body = response.Content is VendorBodyContent buffered ? buffered.Bytes : await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                result = Read(vendor, response, body, typeInfo, parseError, timeProvider, telemetry, run);
            }
        }

        telemetry?.Completed(activity, vendor, typeInfo, result, timeProvider.GetElapsedTime(started));
        return result;
    }

    private static Result<T> Read<T>(
        Vendor vendor,
        HttpResponseMessage response,
        ReadOnlyMemory<byte> body,
        JsonTypeInfo<T> typeInfo,
        Func<ReadOnlyMemory<byte>, VendorErrorBody> parseError,
        TimeProvider timeProvider,
        VendorTelemetry? telemetry,
        RunRef? run)
        where T : class
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            telemetry?.Drift.Inspect(vendor, typeInfo, body.Span, run);
            return Deserialize(vendor, status, body, typeInfo);
        }

        var parsed = TryParseError(body, parseError);
        var kind = response.StatusCode switch
        {
            HttpStatusCode.NotFound => VendorErrorKind.NotFound,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => VendorErrorKind.Unauthorized,
            HttpStatusCode.TooManyRequests => VendorErrorKind.RateLimited,
            _ when status >= 500 => VendorErrorKind.Unavailable,
            _ => VendorErrorKind.BadResponse,
        };
        // A bad response's message is always ours (the gateway shows it); other kinds keep the vendor's own message.
        var message = (kind == VendorErrorKind.BadResponse ? null : Truncate(parsed.Message)) ?? kind switch
        {
            VendorErrorKind.NotFound => $"{vendor.DisplayName()} has no such run.",
            VendorErrorKind.Unauthorized => $"{vendor.DisplayName()} rejected the configured credential.",
            VendorErrorKind.RateLimited => $"{vendor.DisplayName()} is rate limiting requests.",
            VendorErrorKind.Unavailable => Invariant($"{vendor.DisplayName()} failed with HTTP {status}."),
            _ when status is >= 300 and < 400 => "a redirect, which is never followed",
            _ => Invariant($"unexpected HTTP {status}"),
        };
        return Result.Failure<T>(new VendorError(kind, vendor, message)
        {
            HttpStatus = status,
            VendorCode = Truncate(parsed.Code),
            RetryAfter = kind == VendorErrorKind.RateLimited
                ? RetryAfterParser.Parse(response, timeProvider) ?? (parsed.RetryAfter is { } fromBody ? RetryAfterParser.Clamp(fromBody) : null)
                : null,
        });
    }

    /// <summary>Deserializes a successful body (the bytes as received) with the vendor's source-generated metadata.</summary>
    internal static Result<T> Deserialize<T>(Vendor vendor, int status, ReadOnlyMemory<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize(body.Span, typeInfo);
            return value is null
                ? Result.Failure<T>(new VendorError(VendorErrorKind.BadResponse, vendor, "an empty JSON body") { HttpStatus = status })
                : Result.Success(value);
        }
        catch (JsonException)
        {
            return Result.Failure<T>(new VendorError(VendorErrorKind.BadResponse, vendor, "a body that is not the documented JSON") { HttpStatus = status });
        }
    }

    /// <summary>What a failed exchange (no readable answer) means; exception text never reaches the error.</summary>
    private static VendorError Failure(Vendor vendor, Exception exception) => exception switch
    {
        VendorBodyTooLargeException tooLarge => new VendorError(
            VendorErrorKind.BadResponse,
            vendor,
            Invariant($"response larger than {tooLarge.Limit} bytes")) { HttpStatus = tooLarge.Status },
        RateLimiterRejectedException rejected => new VendorError(
            VendorErrorKind.RateLimited,
            vendor,
            $"{vendor.DisplayName()}'s request budget is spent; no request was sent.") { RetryAfter = rejected.RetryAfter is { } wait ? RetryAfterParser.Clamp(wait) : null },
        BrokenCircuitException => new VendorError(VendorErrorKind.Unavailable, vendor, $"{vendor.DisplayName()} is failing; calls are paused (circuit open)."),
        TimeoutRejectedException or OperationCanceledException => new VendorError(VendorErrorKind.Unavailable, vendor, $"{vendor.DisplayName()} did not answer in time."),
        _ => new VendorError(VendorErrorKind.Unavailable, vendor, $"{vendor.DisplayName()} could not be reached."),
    };

    private static VendorErrorBody TryParseError(ReadOnlyMemory<byte> body, Func<ReadOnlyMemory<byte>, VendorErrorBody> parseError)
    {
        if (body.IsEmpty)
        {
            return default;
        }

        try
        {
            return parseError(body);
        }
        catch (JsonException)
        {
            // An error body that is not the documented JSON still leaves us the HTTP status.
            return default;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string? Truncate(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= MaxMessageLength ? value : value[..MaxMessageLength];
}
