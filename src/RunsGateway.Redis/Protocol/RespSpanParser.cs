using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RunsGateway.Redis.Protocol;

/// <summary>
/// The fast path of <see cref="RespParser"/>: parses a reply lying wholly inside one contiguous span (the usual
/// case, since pipe segments are large). When the span ends first it reports how many bytes it knows are needed,
/// and the caller falls back to the segment-aware parser.
/// </summary>
internal static class RespSpanParser
{
    private const int MaxDepth = 64;
    private const long MaxBulkLength = 512L * 1024 * 1024;

    /// <summary>Parses one reply from the start of <paramref name="span"/>; false when the span ends before the reply does.</summary>
    public static bool TryRead(ReadOnlySpan<byte> span, out RespValue value, out int consumed)
    {
        consumed = 0;
        return TryReadValue(span, ref consumed, out value, 0);
    }

    private static bool TryReadValue(ReadOnlySpan<byte> span, ref int position, out RespValue value, int depth)
    {
        value = default;
        if (depth > MaxDepth)
        {
            throw new RedisProtocolException($"Reply nesting exceeds {MaxDepth} levels.");
        }

        if (position >= span.Length)
        {
            return false;
        }

        var prefix = span[position++];
        switch (prefix)
        {
            case (byte)'$':
            case (byte)'!':
            case (byte)'=':
                {
                    if (!TryReadInteger(span, ref position, out var length))
                    {
                        return false;
                    }

                    if (length == -1 && prefix == (byte)'$')
                    {
                        value = RespValue.Null;
                        return true;
                    }

                    if (length is < 0 or > MaxBulkLength)
                    {
                        throw new RedisProtocolException($"Invalid bulk length {length}.");
                    }

                    if (span.Length - position < length + 2)
                    {
                        return false;
                    }

                    var bytes = length == 0 ? [] : span.Slice(position, (int)length).ToArray();
                    position += (int)length;
                    if (span[position] != (byte)'\r' || span[position + 1] != (byte)'\n')
                    {
                        throw new RedisProtocolException("Bulk string is not terminated by CRLF.");
                    }

                    position += 2;
                    value = RespValue.FromBulk(prefix switch
                    {
                        (byte)'$' => RespType.BulkString,
                        (byte)'!' => RespType.BulkError,
                        _ => RespType.VerbatimString,
                    }, bytes);
                    return true;
                }

            case (byte)'*':
            case (byte)'~':
            case (byte)'>':
            case (byte)'%':
            case (byte)'|':
                {
                    if (!TryReadInteger(span, ref position, out var count))
                    {
                        return false;
                    }

                    if (count == -1 && prefix == (byte)'*')
                    {
                        value = RespValue.Null;
                        return true;
                    }

                    var perEntry = prefix is (byte)'%' or (byte)'|' ? 2 : 1;
                    if (count < 0 || count * perEntry > int.MaxValue / 4)
                    {
                        throw new RedisProtocolException($"Invalid aggregate length {count}.");
                    }

                    // A complete aggregate needs at least three bytes per element; fail early instead of allocating.
                    if (span.Length - position < count * perEntry * 3)
                    {
                        return false;
                    }

                    var items = count == 0 ? [] : new RespValue[count * perEntry];
                    for (var i = 0; i < items.Length; i++)
                    {
                        if (!TryReadValue(span, ref position, out items[i], depth + 1))
                        {
                            return false;
                        }
                    }

                    if (prefix == (byte)'|')
                    {
                        // Attributes describe the reply that follows; nothing here uses them.
                        return TryReadValue(span, ref position, out value, depth + 1);
                    }

                    value = RespValue.FromAggregate(prefix switch
                    {
                        (byte)'*' => RespType.Array,
                        (byte)'~' => RespType.Set,
                        (byte)'>' => RespType.Push,
                        _ => RespType.Map,
                    }, items);
                    return true;
                }

            case (byte)':':
                {
                    if (!TryReadInteger(span, ref position, out var integer))
                    {
                        return false;
                    }

                    value = RespValue.FromInteger(integer);
                    return true;
                }

            case (byte)'+':
            case (byte)'-':
            case (byte)'_':
            case (byte)'#':
            case (byte)',':
            case (byte)'(':
                {
                    if (!TryReadLine(span, ref position, out var line))
                    {
                        return false;
                    }

                    value = prefix switch
                    {
                        (byte)'+' => line.SequenceEqual("OK"u8) ? RespValue.Ok
                            : line.SequenceEqual("PONG"u8) ? RespValue.Pong
                            : RespValue.FromSimpleString(Encoding.UTF8.GetString(line)),
                        (byte)'-' => RespValue.FromError(RespType.SimpleError, Encoding.UTF8.GetString(line)),
                        (byte)'_' => RespValue.Null,
                        (byte)'#' => line.Length == 1 && line[0] is (byte)'t' or (byte)'f'
                            ? RespValue.FromBoolean(line[0] == (byte)'t')
                            : throw new RedisProtocolException("Malformed RESP3 boolean."),
                        (byte)',' => RespValue.FromDouble(ParseDouble(line)),
                        _ => RespValue.FromBigNumber(Encoding.ASCII.GetString(line)),
                    };
                    return true;
                }

            default:
                throw new RedisProtocolException($"Unknown RESP type prefix 0x{prefix:X2}.");
        }
    }

    private static bool TryReadInteger(ReadOnlySpan<byte> span, ref int position, out long value)
    {
        value = 0;
        if (!TryReadLine(span, ref position, out var line))
        {
            return false;
        }

        if (!Utf8Parser.TryParse(line, out value, out var consumed) || consumed != line.Length)
        {
            throw new RedisProtocolException("Malformed integer in reply.");
        }

        return true;
    }

    private static bool TryReadLine(ReadOnlySpan<byte> span, ref int position, out ReadOnlySpan<byte> line)
    {
        var end = span[position..].IndexOf((byte)'\n');
        if (end < 0)
        {
            line = default;
            return false;
        }

        if (end == 0 || span[position + end - 1] != (byte)'\r')
        {
            throw new RedisProtocolException("Reply line is not terminated by CRLF.");
        }

        line = span.Slice(position, end - 1);
        position += end + 1;
        return true;
    }

    internal static double ParseDouble(ReadOnlySpan<byte> text)
    {
        if (text.SequenceEqual("inf"u8))
        {
            return double.PositiveInfinity;
        }

        if (text.SequenceEqual("-inf"u8))
        {
            return double.NegativeInfinity;
        }

        if (text.SequenceEqual("nan"u8))
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new RedisProtocolException("Malformed RESP3 double.");
    }
}
