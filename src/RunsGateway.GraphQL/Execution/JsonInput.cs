using System.Buffers;
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

    // Shared names by their UTF-8 bytes, one per slot, replaced as others come: most bodies repeat a handful of names.
    private static readonly RecentName?[] RecentNames = new RecentName?[64];

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
                return ReadArray(ref reader);
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

    /// <summary>An array as an exactly sized <c>object?[]</c>, collected in a pooled buffer (no list growing item by item).</summary>
    private static object?[] ReadArray(ref Utf8JsonReader reader)
    {
        var buffer = ArrayPool<object?>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<object?>.Shared.Rent(count * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<object?>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                buffer[count++] = ReadValue(ref reader);
            }

            return count == 0 ? [] : buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<object?>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>The member name at the reader: a shared string for short names seen before (at most <see cref="MaxNames"/> are kept).</summary>
    private static string ReadName(ref Utf8JsonReader reader)
    {
        // The common case, compared as UTF-8 bytes: an unescaped name met lately (no transcoding, no hashing of characters).
        var recent = !reader.HasValueSequence && !reader.ValueIsEscaped ? reader.ValueSpan : default;
        ref var slot = ref RecentNames[recent.IsEmpty ? 0 : (recent.Length * 31 + recent[0] * 7 + recent[^1]) % RecentNames.Length];
        if (!recent.IsEmpty && Volatile.Read(ref slot) is { } seen && recent.SequenceEqual(seen.Utf8))
        {
            return seen.Name;
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxNameLength)
        {
            return reader.GetString()!;
        }

        var shared = ReadSharedName(ref reader);
        if (!recent.IsEmpty && ReferenceEquals(shared, Names.GetValueOrDefault(shared)))
        {
            Volatile.Write(ref slot, new RecentName(recent.ToArray(), shared));
        }

        return shared;
    }

    private static string ReadSharedName(ref Utf8JsonReader reader)
    {
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

    private sealed record RecentName(byte[] Utf8, string Name);
}
