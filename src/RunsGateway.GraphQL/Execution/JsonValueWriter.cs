using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace RunsGateway.GraphQL.Execution;

/// <summary>Writes runtime values (results of scalar serialization, error extensions) as JSON.</summary>
internal static class JsonValueWriter
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong ul:
                writer.WriteNumberValue(ul);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case ResultNode node:
                node.WriteTo(writer);
                break;
            case IJsonWritable writable:
                writable.WriteJson(writer);
                break;
            case InputMap input:
                // Indexed, so that writing a variables-shaped map does not box an enumerator.
                writer.WriteStartObject();
                for (var i = 0; i < input.Count; i++)
                {
                    var (key, item) = input.GetAt(i);
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var pair in map)
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>Writes a double in the shortest round-trip form with JavaScript-style exponents (1e-7, 1e+21).</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            // JSON has no representation for NaN or infinities; scalar serialization rejects them before this.
            writer.WriteNullValue();
            return;
        }

        Span<byte> buffer = stackalloc byte[40];
        if (!value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture))
        {
            writer.WriteNumberValue(value);
            return;
        }

        var exponent = buffer[..written].IndexOf((byte)'E');
        if (exponent < 0)
        {
            writer.WriteRawValue(buffer[..written], skipInputValidation: true);
            return;
        }

        Span<byte> formatted = stackalloc byte[40];
        buffer[..exponent].CopyTo(formatted);
        var length = exponent;
        formatted[length++] = (byte)'e';
        var position = exponent + 1;
        var sign = buffer[position] == (byte)'-' ? (byte)'-' : (byte)'+';
        if (buffer[position] is (byte)'-' or (byte)'+')
        {
            position++;
        }

        formatted[length++] = sign;
        while (position < written - 1 && buffer[position] == (byte)'0')
        {
            position++;
        }

        buffer[position..written].CopyTo(formatted[length..]);
        length += written - position;
        writer.WriteRawValue(formatted[..length], skipInputValidation: true);
    }
}
