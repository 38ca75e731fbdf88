using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace RunsGateway.Vendors.Http;

/// <summary>
/// The innermost handler of a vendor's <see cref="HttpClient"/>, run once per attempt inside the resilience handler (so inside the
/// attempt timeout and while the concurrency slot is held). It reports the rate-limit headers to the vendor's
/// <see cref="VendorRateBudget"/> and reads the body into memory, at most <c>MaxResponseBytes</c>: above that it drops the
/// connection and throws <see cref="VendorBodyTooLargeException"/>. The answer it passes up carries a <see cref="VendorBodyContent"/>.
/// </summary>
internal sealed class VendorBodyHandler(VendorRateBudget budget, int maxBytes) : DelegatingHandler
{
    private const int SegmentSize = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Activity.Current is not null && !VendorTelemetry.ActivitySource.HasListeners())
        {
            // Nobody records vendor spans: the attempt runs without the request's activity (this async method's own context; the
            // caller keeps it), so SocketsHttpHandler does not start an activity per attempt that nothing records and that would
            // only serve trace-context propagation, which vendor clients never do.
            Activity.Current = null;
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            budget.Observe(response);
            var content = response.Content;
            var bytes = await ReadCappedAsync(content, (int)response.StatusCode, maxBytes, cancellationToken).ConfigureAwait(false);
            var buffered = new VendorBodyContent(bytes);
            foreach (var header in content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch
        {
            // Disposing an unread response aborts its connection: the rest of an oversized body is never received.
            response.Dispose();
            throw;
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, int status, int maxBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw new VendorBodyTooLargeException(status, maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (declared is { } length)
            {
                var exact = new byte[length];
                await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
                return exact;
            }

            // Unknown length (chunked): pooled segments, so an oversized body costs no more than the limit and nothing is kept.
            var segments = new List<byte[]>();
            var total = 0;
            try
            {
                while (true)
                {
                    var segment = ArrayPool<byte>.Shared.Rent(SegmentSize);
                    segments.Add(segment);
                    var filled = 0;
                    while (filled < SegmentSize)
                    {
                        var read = await stream.ReadAsync(segment.AsMemory(filled, SegmentSize - filled), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return Concat(segments, total + filled);
                        }

                        filled += read;
                        if (total + filled > maxBytes)
                        {
                            throw new VendorBodyTooLargeException(status, maxBytes);
                        }
                    }

                    total += filled;
                }
            }
            finally
            {
                foreach (var segment in segments)
                {
                    ArrayPool<byte>.Shared.Return(segment);
                }
            }
        }
    }

    private static byte[] Concat(List<byte[]> segments, int length)
    {
        var body = new byte[length];
        var offset = 0;
        foreach (var segment in segments)
        {
            var count = Math.Min(SegmentSize, length - offset);
            segment.AsSpan(0, count).CopyTo(body.AsSpan(offset));
            offset += count;
        }

        return body;
    }
}

/// <summary>A vendor's response body, already read in full (and within the size limit) by <see cref="VendorBodyHandler"/>.</summary>
internal sealed class VendorBodyContent(byte[] bytes) : ByteArrayContent(bytes)
{
    /// <summary>The body's bytes, exactly as received.</summary>
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}

/// <summary>A vendor's body exceeded the limit; the connection was dropped.</summary>
internal sealed class VendorBodyTooLargeException(int status, int limit)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"response larger than {limit} bytes"))
{
    /// <summary>The HTTP status of the oversized answer.</summary>
    public int Status { get; } = status;

    /// <summary>The limit in bytes.</summary>
    public int Limit { get; } = limit;
}
