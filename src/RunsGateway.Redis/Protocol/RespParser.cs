using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RunsGateway.Redis.Protocol;

/// <summary>
/// Incremental RESP2/RESP3 parser over a (possibly fragmented) <see cref="ReadOnlySequence{T}"/>:
/// it either reads one complete reply or leaves the reader untouched so the caller can wait for more bytes.
/// </summary>
internal static class RespParser
{
    private const int MaxDepth = 64;
    private const long MaxBulkLength = 512L * 1024 * 1024;

    /// <summary>Reads one complete reply, skipping RESP3 attribute frames; returns false when more bytes are needed.</summary>
    public static bool TryRead(ref SequenceReader<byte> reader, out RespValue value)
    {
        // Fast path: the reply lies inside the current segment.
        if (RespSpanParser.TryRead(reader.UnreadSpan, out value, out var consumed))
        {
            reader.Advance(consumed);
            return true;
        }

        if (reader.UnreadSpan.Length == reader.Remaining)
        {
            // No further segment could complete it.
            return false;
        }

        var attempt = reader;
        if (!TryReadValue(ref attempt, out value, 0))
        {
            return false;
        }

        reader = attempt;
        return true;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, out RespValue value, int depth)
    {
        value = default;
        if (depth > MaxDepth)
        {
            throw new RedisProtocolException($"Reply nesting exceeds {MaxDepth} levels.");
        }

        if (!reader.TryRead(out var prefix))
        {
            return false;
        }

        switch (prefix)
        {
            case (byte)'+':
                if (!TryReadLine(ref reader, out var simple))
                {
                    return false;
                }

                value = simple.SequenceEqual("OK"u8) ? RespValue.Ok
                    : simple.SequenceEqual("PONG"u8) ? RespValue.Pong
                    : RespValue.FromSimpleString(Encoding.UTF8.GetString(simple));
                return true;

            case (byte)'-':
                if (!TryReadLine(ref reader, out var error))
                {
                    return false;
                }

                value = RespValue.FromError(RespType.SimpleError, Encoding.UTF8.GetString(error));
                return true;

            case (byte)':':
                if (!TryReadInteger(ref reader, out var integer))
                {
                    return false;
                }

                value = RespValue.FromInteger(integer);
                return true;

            case (byte)'$':
            case (byte)'!':
            case (byte)'=':
                return TryReadBulk(ref reader, prefix switch
                {
                    (byte)'$' => RespType.BulkString,
                    (byte)'!' => RespType.BulkError,
                    _ => RespType.VerbatimString,
                }, out value);

            case (byte)'*':
            case (byte)'~':
            case (byte)'>':
                return TryReadAggregate(ref reader, prefix switch
                {
                    (byte)'*' => RespType.Array,
                    (byte)'~' => RespType.Set,
                    _ => RespType.Push,
                }, 1, out value, depth);

            case (byte)'%':
                return TryReadAggregate(ref reader, RespType.Map, 2, out value, depth);

            case (byte)'|':
                // Attributes describe the reply that follows; nothing here uses them, so they are read and dropped.
                if (!TryReadAggregate(ref reader, RespType.Map, 2, out _, depth))
                {
                    return false;
                }

                return TryReadValue(ref reader, out value, depth + 1);

            case (byte)'_':
                if (!TryReadLine(ref reader, out _))
                {
                    return false;
                }

                value = RespValue.Null;
                return true;

            case (byte)'#':
                if (!TryReadLine(ref reader, out var boolean))
                {
                    return false;
                }

                value = boolean.Length == 1 && boolean[0] is (byte)'t' or (byte)'f'
                    ? RespValue.FromBoolean(boolean[0] == (byte)'t')
                    : throw new RedisProtocolException("Malformed RESP3 boolean.");
                return true;

            case (byte)',':
                if (!TryReadLine(ref reader, out var number))
                {
                    return false;
                }

                value = RespValue.FromDouble(ParseDouble(number));
                return true;

            case (byte)'(':
                if (!TryReadLine(ref reader, out var big))
                {
                    return false;
                }

                value = RespValue.FromBigNumber(Encoding.ASCII.GetString(big));
                return true;

            default:
                throw new RedisProtocolException($"Unknown RESP type prefix 0x{prefix:X2}.");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, RespType type, out RespValue value)
    {
        value = default;
        if (!TryReadInteger(ref reader, out var length))
        {
            return false;
        }

        if (length == -1 && type == RespType.BulkString)
        {
            value = RespValue.Null;
            return true;
        }

        if (length is < 0 or > MaxBulkLength)
        {
            throw new RedisProtocolException($"Invalid bulk length {length}.");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        // The one copy of the payload: out of the pooled pipe buffer into an array the caller owns.
        var bytes = length == 0 ? [] : new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException("Bulk string is not terminated by CRLF.");
        }

        value = RespValue.FromBulk(type, bytes);
        return true;
    }

    private static bool TryReadAggregate(ref SequenceReader<byte> reader, RespType type, int itemsPerEntry, out RespValue value, int depth)
    {
        value = default;
        if (!TryReadInteger(ref reader, out var count))
        {
            return false;
        }

        if (count == -1 && type == RespType.Array)
        {
            value = RespValue.Null;
            return true;
        }

        // Every element takes at least three bytes, which bounds a count that would otherwise allocate absurdly.
        if (count < 0 || count * itemsPerEntry > int.MaxValue / 4)
        {
            throw new RedisProtocolException($"Invalid aggregate length {count}.");
        }

        var items = count == 0 ? [] : new RespValue[count * itemsPerEntry];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryReadValue(ref reader, out items[i], depth + 1))
            {
                return false;
            }
        }

        value = RespValue.FromAggregate(type, items);
        return true;
    }

    private static bool TryReadInteger(ref SequenceReader<byte> reader, out long value)
    {
        value = 0;
        if (!TryReadLine(ref reader, out var line))
        {
            return false;
        }

        if (!Utf8Parser.TryParse(line, out value, out var consumed) || consumed != line.Length)
        {
            throw new RedisProtocolException("Malformed integer in reply.");
        }

        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> line)
    {
        if (!reader.TryReadTo(out line, (byte)'\n'))
        {
            return false;
        }

        if (line.IsEmpty || line[^1] != (byte)'\r')
        {
            throw new RedisProtocolException("Reply line is not terminated by CRLF.");
        }

        line = line[..^1];
        return true;
    }

    private static double ParseDouble(ReadOnlySpan<byte> text) => RespSpanParser.ParseDouble(text);
}
