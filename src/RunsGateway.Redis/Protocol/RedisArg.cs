using System.Buffers;
using System.Globalization;

namespace RunsGateway.Redis.Protocol;

/// <summary>One argument of a command: text (UTF-8 encoded on write), raw bytes or an integer.</summary>
internal readonly struct RedisArg
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _number;
    private readonly byte _kind;

    private RedisArg(string? text, ReadOnlyMemory<byte> bytes, long number, byte kind)
    {
        _text = text;
        _bytes = bytes;
        _number = number;
        _kind = kind;
    }

    public static implicit operator RedisArg(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), default, 0, 0);

    public static implicit operator RedisArg(ReadOnlyMemory<byte> bytes) => new(null, bytes, 0, 1);

    public static implicit operator RedisArg(byte[] bytes) => new(null, bytes, 0, 1);

    public static implicit operator RedisArg(long number) => new(null, default, number, 2);

    public void WriteTo(IBufferWriter<byte> output)
    {
        switch (_kind)
        {
            case 0:
                RespWriter.WriteBulk(output, _text!);
                break;
            case 1:
                RespWriter.WriteBulk(output, _bytes.Span);
                break;
            default:
                RespWriter.WriteBulk(output, _number);
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => _kind switch
    {
        0 => _text!,
        1 => $"<{_bytes.Length} bytes>",
        _ => _number.ToString(CultureInfo.InvariantCulture),
    };
}
