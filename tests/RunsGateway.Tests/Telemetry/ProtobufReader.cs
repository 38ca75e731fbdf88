using System.Text;

namespace RunsGateway.Tests.Telemetry;

/// <summary>One field of a protobuf message: its number and either a varint or the bytes of a length-delimited value.</summary>
public readonly record struct ProtobufField(int Number, ulong Varint, ReadOnlyMemory<byte> Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    public IReadOnlyList<ProtobufField> Message => ProtobufReader.Fields(Bytes);
}

/// <summary>
/// Just enough of the protobuf wire format to read OTLP export requests without generated types: walks the fields of a message
/// (varint, 64-bit, length-delimited, 32-bit), so nested messages and strings can be read by field number.
/// </summary>
public static class ProtobufReader
{
    public static IReadOnlyList<ProtobufField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtobufField>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add(new ProtobufField(number, ReadVarint(span, ref position), default));
                    break;
                case 1:
                    fields.Add(new ProtobufField(number, BitConverter.ToUInt64(span.Slice(position, 8)), default));
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref position));
                    fields.Add(new ProtobufField(number, 0, message.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    fields.Add(new ProtobufField(number, BitConverter.ToUInt32(span.Slice(position, 4)), default));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported wire type {key & 7} at byte {position}.");
            }
        }

        return fields;
    }

    public static IEnumerable<ProtobufField> All(this IReadOnlyList<ProtobufField> fields, int number) => fields.Where(f => f.Number == number);

    public static ProtobufField? One(this IReadOnlyList<ProtobufField> fields, int number) =>
        fields.LastOrDefault(f => f.Number == number) is { Number: > 0 } found ? found : null;

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("Varint longer than 10 bytes.");
    }
}

/// <summary>A span of an OTLP trace export: name, kind and attributes (string and integer values as text).</summary>
public sealed record OtlpSpan(string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);

/// <summary>Reads OTLP export requests (opentelemetry-proto collector/trace/v1 and collector/metrics/v1) by field number.</summary>
public static class Otlp
{
    /// <summary>ExportTraceServiceRequest.resource_spans(1) → scope_spans(2) → spans(2): name(5), kind(6), attributes(9).</summary>
    public static IEnumerable<OtlpSpan> Spans(ReadOnlyMemory<byte> request) =>
        from resourceSpans in ProtobufReader.Fields(request).All(1)
        from scopeSpans in resourceSpans.Message.All(2)
        from span in scopeSpans.Message.All(2)
        let fields = span.Message
        select new OtlpSpan(fields.One(5)?.Text ?? string.Empty, (int)(fields.One(6)?.Varint ?? 0), Attributes(fields.All(9)));

    /// <summary>The resource attributes of every resource_spans / resource_metrics entry: resource(1) → attributes(1).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Resources(ReadOnlyMemory<byte> request) =>
        from entry in ProtobufReader.Fields(request).All(1)
        let resource = entry.Message.One(1)
        where resource is not null
        select Attributes(resource.Value.Message.All(1));

    /// <summary>ExportMetricsServiceRequest.resource_metrics(1) → scope_metrics(2) → metrics(2) → name(1).</summary>
    public static IEnumerable<string> MetricNames(ReadOnlyMemory<byte> request) =>
        from resourceMetrics in ProtobufReader.Fields(request).All(1)
        from scopeMetrics in resourceMetrics.Message.All(2)
        from metric in scopeMetrics.Message.All(2)
        select metric.Message.One(1)?.Text ?? string.Empty;

    /// <summary>KeyValue: key(1), value(2) = AnyValue: string_value(1), bool_value(2), int_value(3).</summary>
    private static Dictionary<string, string> Attributes(IEnumerable<ProtobufField> keyValues)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in keyValues)
        {
            var fields = keyValue.Message;
            var key = fields.One(1)?.Text ?? string.Empty;
            var value = fields.One(2)?.Message;
            if (value?.One(1) is { } text)
            {
                attributes[key] = text.Text;
            }
            else if (value?.One(3) is { } integer)
            {
                attributes[key] = ((long)integer.Varint).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (value?.One(2) is { } boolean)
            {
                attributes[key] = boolean.Varint != 0 ? "true" : "false";
            }
        }

        return attributes;
    }
}
