using System.Globalization;
using System.Text;

namespace RunsGateway.Redis.Protocol;

/// <summary>
/// One parsed RESP reply. Bulk payloads are the only copy made of the bytes received:
/// they are copied once out of the pooled pipe buffer into an array owned by the value.
/// </summary>
internal readonly struct RespValue
{
    private readonly object? _payload;
    private readonly long _integer;

    private RespValue(RespType type, object? payload, long integer)
    {
        Type = type;
        _payload = payload;
        _integer = integer;
    }

    public RespType Type { get; }

    public bool IsNull => Type == RespType.Null;

    public bool IsError => Type is RespType.SimpleError or RespType.BulkError;

    /// <summary>Gets the integer of an Integer or Boolean reply.</summary>
    public long Integer => _integer;

    /// <summary>Gets the items of an Array, Set, Push reply, or the flattened key/value pairs of a Map.</summary>
    public RespValue[] Items => _payload as RespValue[] ?? [];

    public static RespValue Null { get; } = new(RespType.Null, null, 0);

    public static RespValue Ok { get; } = new(RespType.SimpleString, "OK", 0);

    public static RespValue Pong { get; } = new(RespType.SimpleString, "PONG", 0);

    public static RespValue FromSimpleString(string text) => new(RespType.SimpleString, text, 0);

    public static RespValue FromError(RespType type, string message) => new(type, message, 0);

    public static RespValue FromInteger(long value) => new(RespType.Integer, null, value);

    public static RespValue FromBoolean(bool value) => new(RespType.Boolean, null, value ? 1 : 0);

    public static RespValue FromDouble(double value) => new(RespType.Double, null, BitConverter.DoubleToInt64Bits(value));

    public static RespValue FromBigNumber(string digits) => new(RespType.BigNumber, digits, 0);

    public static RespValue FromBulk(RespType type, byte[] bytes) => new(type, bytes, 0);

    public static RespValue FromAggregate(RespType type, RespValue[] items) => new(type, items, 0);

    /// <summary>Gets the bytes of a bulk or verbatim string (verbatim without its three-letter format prefix).</summary>
    public byte[]? AsBytes() => Type switch
    {
        RespType.BulkString => (byte[])_payload!,
        RespType.VerbatimString => ((byte[])_payload!).AsSpan(Math.Min(4, ((byte[])_payload!).Length)).ToArray(),
        RespType.SimpleString => Encoding.UTF8.GetBytes((string)_payload!),
        RespType.Null => null,
        _ => throw Unexpected("a string"),
    };

    /// <summary>Gets the text of a string-like reply.</summary>
    public string? AsString() => Type switch
    {
        RespType.SimpleString or RespType.SimpleError or RespType.BigNumber => (string)_payload!,
        RespType.BulkString or RespType.BulkError => Encoding.UTF8.GetString((byte[])_payload!),
        RespType.VerbatimString => Encoding.UTF8.GetString(((byte[])_payload!).AsSpan(Math.Min(4, ((byte[])_payload!).Length))),
        RespType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RespType.Double => BitConverter.Int64BitsToDouble(_integer).ToString("R", CultureInfo.InvariantCulture),
        RespType.Boolean => _integer != 0 ? "true" : "false",
        RespType.Null => null,
        _ => throw Unexpected("a string"),
    };

    /// <summary>Gets a number from an integer reply, or from a string reply holding one (SCAN cursors).</summary>
    public long AsInt64() => Type switch
    {
        RespType.Integer or RespType.Boolean => _integer,
        RespType.BulkString or RespType.SimpleString
            when long.TryParse(AsString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw Unexpected("an integer"),
    };

    public double AsDouble() => Type == RespType.Double ? BitConverter.Int64BitsToDouble(_integer) : throw Unexpected("a double");

    /// <summary>Gets the error text of an error reply.</summary>
    public string ErrorMessage => IsError ? AsString() ?? string.Empty : string.Empty;

    /// <summary>Throws <see cref="RedisServerException"/> when this is an error reply.</summary>
    public RespValue ThrowIfError(string command) =>
        IsError ? throw new RedisServerException(command, ErrorMessage) : this;

    public RedisProtocolException Unexpected(string expected) =>
        new($"Expected {expected} reply but received {Type}.");

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        RespType.Array or RespType.Set or RespType.Push or RespType.Map => $"{Type}[{Items.Length}]",
        _ => $"{Type}: {AsString()}",
    };
}
