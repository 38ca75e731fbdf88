using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RunsGateway.Core;

namespace RunsGateway.Vendors.Http;

/// <summary>The vendor's own error code and message, and a retry-after carried in the body, as parsed from an error response.</summary>
internal readonly record struct VendorErrorBody(string? Code, string? Message, TimeSpan? RetryAfter);

/// <summary>Performs one GET against a vendor and turns every outcome into a value or a typed <see cref="VendorError"/>.</summary>
internal static class VendorHttp
{
    private const int MaxMessageLength = 500;

    /// <summary>Joins escaped path segments into a relative URL (never starting with '/', so the base path is kept).</summary>
    public static string Path(params ReadOnlySpan<string> segments)
    {
        var escaped = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            escaped[i] = Uri.EscapeDataString(segments[i]);
        }

        return string.Join('/', escaped);
    }

    /// <summary>
    /// GETs <paramref name="relativeUrl"/> and reads the answer into <typeparamref name="T"/>; with <paramref name="telemetry"/>, the call
    /// gets a span and metrics and its answer is checked for drift (<paramref name="run"/> is the finding's example).
    /// </summary>
    public static async Task<Result<T>> GetAsync<T>(
        HttpClient http,
        Vendor vendor,
        string relativeUrl,
        JsonTypeInfo<T> typeInfo,
        Func<byte[], VendorErrorBody> parseError,
        TimeProvider timeProvider,
        VendorTelemetry? telemetry,
        RunRef? run,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var activity = VendorTelemetry.StartCall(vendor, typeInfo);
        var started = timeProvider.GetTimestamp();
        var result = await GetCoreAsync(http, vendor, relativeUrl, typeInfo, parseError, timeProvider, telemetry, run, cancellationToken).ConfigureAwait(false);
        telemetry?.Completed(activity, vendor, typeInfo, result, timeProvider.GetElapsedTime(started));
        return result;
    }

    private static async Task<Result<T>> GetCoreAsync<T>(
        HttpClient http,
        Vendor vendor,
        string relativeUrl,
        JsonTypeInfo<T> typeInfo,
        Func<byte[], VendorErrorBody> parseError,
        TimeProvider timeProvider,
        VendorTelemetry? telemetry,
        RunRef? run,
        CancellationToken cancellationToken)
        where T : class
    {
        if (http.BaseAddress is null)
        {
            return Result.Failure<T>(VendorError.NotConfigured(vendor));
        }

        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativeUrl, UriKind.Relative));
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return Fail(VendorErrorKind.Unavailable, $"{vendor.DisplayName()} did not answer in time.");
        }
        catch (BrokenCircuitException)
        {
            return Fail(VendorErrorKind.Unavailable, $"{vendor.DisplayName()} is failing; calls are paused (circuit open).");
        }
        catch (HttpRequestException)
        {
            return Fail(VendorErrorKind.Unavailable, $"{vendor.DisplayName()} could not be reached.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(VendorErrorKind.Unavailable, $"{vendor.DisplayName()} did not answer in time.");
        }

        using (response)
        {
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                return Fail(VendorErrorKind.Unavailable, $"{vendor.DisplayName()} broke off its response.", (int)response.StatusCode);
            }

            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                telemetry?.Drift.Inspect(vendor, typeInfo, body, run);
                try
                {
                    var value = JsonSerializer.Deserialize(body, typeInfo);
                    return value is null
                        ? Fail(VendorErrorKind.BadResponse, $"{vendor.DisplayName()} answered with an empty JSON body.", status)
                        : Result.Success(value);
                }
                catch (JsonException)
                {
                    return Fail(VendorErrorKind.BadResponse, $"{vendor.DisplayName()} answered with a body that is not the documented JSON.", status);
                }
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
            var message = Truncate(parsed.Message) ?? kind switch
            {
                VendorErrorKind.NotFound => $"{vendor.DisplayName()} has no such run.",
                VendorErrorKind.Unauthorized => $"{vendor.DisplayName()} rejected the configured credential.",
                VendorErrorKind.RateLimited => $"{vendor.DisplayName()} is rate limiting requests.",
                VendorErrorKind.Unavailable => $"{vendor.DisplayName()} failed with HTTP {status}.",
                _ => $"{vendor.DisplayName()} answered with unexpected HTTP {status}.",
            };
            return Result.Failure<T>(new VendorError(kind, vendor, message)
            {
                HttpStatus = status,
                VendorCode = Truncate(parsed.Code),
                RetryAfter = kind == VendorErrorKind.RateLimited ? RetryAfterParser.Parse(response, timeProvider) ?? parsed.RetryAfter : null,
            });
        }

        Result<T> Fail(VendorErrorKind kind, string message, int? status = null) =>
            Result.Failure<T>(new VendorError(kind, vendor, message) { HttpStatus = status });
    }

    private static VendorErrorBody TryParseError(byte[] body, Func<byte[], VendorErrorBody> parseError)
    {
        if (body.Length == 0)
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

    private static string? Truncate(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= MaxMessageLength ? value : value[..MaxMessageLength];
}
