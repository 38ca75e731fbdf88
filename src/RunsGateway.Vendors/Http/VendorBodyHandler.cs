using System.Buffers;
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
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
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

            // Unknown length (chunked): grow a pooled buffer, never past the limit plus one byte.
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            var filled = 0;
            try
            {
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled, Math.Min(buffer.Length, maxBytes + 1) - filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return buffer.AsSpan(0, filled).ToArray();
                    }

                    filled += read;
                    if (filled > maxBytes)
                    {
                        throw new VendorBodyTooLargeException(status, maxBytes);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
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
