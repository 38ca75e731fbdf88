using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace RunsGateway.Redis.Protocol;

/// <summary>Writes commands as RESP arrays of bulk strings straight into the connection's output buffer.</summary>
internal static class RespWriter
{
    // Largest header: '$' + 10 digits + CRLF, plus the trailing CRLF after the payload.
    private const int Overhead = 16;
    private const int InlineLimit = 8192;

    public static void WriteArrayHeader(IBufferWriter<byte> output, int count)
    {
        var span = output.GetSpan(Overhead);
        span[0] = (byte)'*';
        Utf8Formatter.TryFormat(count, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(written + 3);
    }

    public static void WriteBulk(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        if (value.Length <= InlineLimit)
        {
            var span = output.GetSpan(value.Length + Overhead);
            var position = WriteBulkHeader(span, value.Length);
            value.CopyTo(span[position..]);
            position += value.Length;
            span[position] = (byte)'\r';
            span[position + 1] = (byte)'\n';
            output.Advance(position + 2);
            return;
        }

        var header = output.GetSpan(Overhead);
        output.Advance(WriteBulkHeader(header, value.Length));
        output.Write(value);
        output.Write("\r\n"u8);
    }

    public static void WriteBulk(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length <= InlineLimit)
        {
            var span = output.GetSpan(length + Overhead);
            var position = WriteBulkHeader(span, length);
            position += Encoding.UTF8.GetBytes(value, span[position..]);
            span[position] = (byte)'\r';
            span[position + 1] = (byte)'\n';
            output.Advance(position + 2);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(value, rented);
            WriteBulk(output, rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static void WriteBulk(IBufferWriter<byte> output, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        WriteBulk(output, digits[..written]);
    }

    private static int WriteBulkHeader(Span<byte> span, int length)
    {
        span[0] = (byte)'$';
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        return written + 3;
    }
}
