using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// Reads JSON (request variables, extensions, fixtures) into the engine's runtime value representation:
/// objects as ordered <see cref="IReadOnlyDictionary{TKey, TValue}"/>, arrays as <see cref="IReadOnlyList{T}"/>,
/// strings, booleans, null, and numbers as <see cref="long"/> (integral) or <see cref="double"/>.
/// </summary>
public static class JsonInput
{
    private const int MaxNameLength = 64;
    private const int MaxNames = 2048;

    // Object member names repeat across requests ("vendor", "runId", ...): each is allocated once, not per object read.
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NameLookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Parses JSON text into a runtime value.</summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static object? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses UTF-8 JSON into a runtime value.</summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static object? Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            throw new JsonException("The JSON text is empty.");
        }

        var value = ReadValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the JSON value.");
        }

        return value;
    }

    /// <summary>Parses a JSON object into a runtime dictionary; JSON null gives null.</summary>
    /// <exception cref="JsonException">The text is not a JSON object or null.</exception>
    public static IReadOnlyDictionary<string, object?>? ParseObject(string json) => Parse(json) switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> map => map,
        _ => throw new JsonException("Expected a JSON object."),
    };

    /// <summary>Reads the value at the reader's current token (the reader must be positioned on it).</summary>
    public static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    return l;
                }

                return reader.GetDouble();
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader));
                }

                return list;
            case JsonTokenType.StartObject:
                var map = new InputMap.Builder();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = ReadName(ref reader);
                    reader.Read();

                    // Last duplicate wins, as in JSON.parse.
                    map.Set(name, ReadValue(ref reader));
                }

                return map.Build();
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    /// <summary>The member name at the reader: a shared string for short names seen before (at most <see cref="MaxNames"/> are kept).</summary>
    private static string ReadName(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxNameLength)
        {
            return reader.GetString()!;
        }

        Span<char> buffer = stackalloc char[MaxNameLength];
        var written = reader.CopyString(buffer);
        var name = buffer[..written];
        if (NameLookup.TryGetValue(name, out var shared))
        {
            return shared;
        }

        var text = name.ToString();
        return Names.Count < MaxNames ? Names.GetOrAdd(text, text) : text;
    }

    /// <summary>Converts a <see cref="JsonElement"/> into a runtime value.</summary>
    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.Object => ObjectFromElement(element),
        _ => throw new JsonException($"Unexpected JSON value kind {element.ValueKind}."),
    };

    private static Dictionary<string, object?> ObjectFromElement(JsonElement element)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = FromElement(property.Value);
        }

        return map;
    }
}
