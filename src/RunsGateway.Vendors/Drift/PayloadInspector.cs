using System.Text.Json;

namespace RunsGateway.Vendors.Drift;

/// <summary>One departure of an answer from its shape: where, and how.</summary>
internal readonly record struct DriftObservation(string Path, DriftKind Kind);

/// <summary>
/// Walks a vendor answer's bytes with a <see cref="Utf8JsonReader"/> against its <see cref="PayloadShape"/>. Known fields, values of the
/// expected type and documented values allocate nothing; only a departure allocates (its path and the list that holds it).
/// </summary>
internal static class PayloadInspector
{
    /// <summary>The distinct departures of <paramref name="json"/> from <paramref name="shape"/>, or null when there are none (or the body is not JSON).</summary>
    public static List<DriftObservation>? Inspect(PayloadShape shape, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(shape);
        List<DriftObservation>? found = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (reader.Read())
            {
                Walk(ref reader, shape, ref found);
            }
        }
        catch (JsonException)
        {
            // Not JSON: deserialisation reports the bad response; what was found before the break still counts.
        }

        return found;
    }

    private static void Walk(ref Utf8JsonReader reader, PayloadShape shape, ref List<DriftObservation>? found)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject when shape.Type == ShapeType.Object:
                WalkObject(ref reader, shape, ref found);
                return;
            case JsonTokenType.StartArray when shape.Type == ShapeType.Array:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Walk(ref reader, shape.Element!, ref found);
                }

                return;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                if (shape.Type != ShapeType.Any)
                {
                    Add(ref found, shape.Path, DriftKind.WrongType);
                }

                reader.Skip();
                return;
            case JsonTokenType.String when shape.Type == ShapeType.String:
                if (shape.KnownValues is { } known && !IsKnown(ref reader, known))
                {
                    Add(ref found, shape.Path, DriftKind.UnknownValue);
                }

                return;
            case JsonTokenType.String:
                CheckScalar(shape, ref found);
                return;
            case JsonTokenType.Number when shape.Type is ShapeType.Number or ShapeType.Any:
            case JsonTokenType.True or JsonTokenType.False when shape.Type is ShapeType.Boolean or ShapeType.Any:
                return;
            default:
                CheckScalar(shape, ref found);
                return;
        }
    }

    private static void CheckScalar(PayloadShape shape, ref List<DriftObservation>? found)
    {
        if (shape.Type != ShapeType.Any)
        {
            Add(ref found, shape.Path, DriftKind.WrongType);
        }
    }

    private static void WalkObject(ref Utf8JsonReader reader, PayloadShape shape, ref List<DriftObservation>? found)
    {
        var fields = shape.Fields;
        ulong seen = 0;
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Vendors send fields in a stable order, usually the DTO's: start looking where the last match left off.
            var index = Find(ref reader, fields, next);
            if (index < 0)
            {
                var path = shape.Path + "." + reader.GetString();
                reader.Read();
                reader.Skip();
                Add(ref found, path, DriftKind.UnknownField);
                continue;
            }

            seen |= 1UL << index;
            next = index + 1;
            reader.Read();
            Walk(ref reader, fields[index].Shape, ref found);
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].AlwaysPresent && (seen & (1UL << i)) == 0)
            {
                Add(ref found, fields[i].Shape.Path, DriftKind.MissingField);
            }
        }
    }

    private static int Find(ref Utf8JsonReader reader, ShapeField[] fields, int start)
    {
        var count = fields.Length;
        for (var n = 0; n < count; n++)
        {
            var i = start + n;
            if (i >= count)
            {
                i -= count;
            }

            if (reader.ValueTextEquals(fields[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsKnown(ref Utf8JsonReader reader, byte[][] known)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (reader.ValueTextEquals(known[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(ref List<DriftObservation>? found, string path, DriftKind kind)
    {
        var observation = new DriftObservation(path, kind);
        found ??= [];
        if (!found.Contains(observation))
        {
            found.Add(observation);
        }
    }
}
