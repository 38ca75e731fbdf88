using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// A node of the response tree. A node becomes invalid when a non-null position inside it resolved to null; an
/// invalid node is written as null, and invalidity travels up through non-null positions (spec 6.4.4).
/// </summary>
internal abstract class ResultNode
{
    private int _invalid;

    protected ResultNode(ResultNode? parent, bool nonNullInParent)
    {
        Parent = parent;
        NonNullInParent = nonNullInParent;
    }

    /// <summary>The enclosing node; null for the root map.</summary>
    public ResultNode? Parent { get; }

    /// <summary>True when this node sits in a non-null position of its parent (or is the root).</summary>
    public bool NonNullInParent { get; }

    public bool IsInvalid => Volatile.Read(ref _invalid) != 0;

    /// <summary>Marks this node invalid; false when it already was (so propagation happens once).</summary>
    public bool TryInvalidate() => Interlocked.Exchange(ref _invalid, 1) == 0;

    /// <summary>Invalidates this node and every ancestor reached through non-null positions.</summary>
    public void PropagateInvalid()
    {
        var node = this;
        while (node is not null && node.TryInvalidate() && node.NonNullInParent)
        {
            node = node.Parent;
        }
    }

    public abstract void WriteTo(Utf8JsonWriter writer);

    protected static object? Visible(object? value) => value is ResultNode { IsInvalid: true } ? null : value;

    protected static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case ResultNode node:
                if (node.IsInvalid)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    node.WriteTo(writer);
                }

                break;
            default:
                JsonValueWriter.Write(writer, value);
                break;
        }
    }
}

/// <summary>An ordered response object; each slot is written once by the field that owns it.</summary>
internal sealed class ResultMap : ResultNode, IReadOnlyDictionary<string, object?>
{
    private readonly string[] _keys;
    private readonly JsonEncodedText[] _encodedKeys;
    private readonly object?[] _values;

    public ResultMap(ResultNode? parent, bool nonNullInParent, SelectionPlan plan)
        : base(parent, nonNullInParent)
    {
        _keys = plan.Keys;
        _encodedKeys = plan.EncodedKeys;
        _values = _keys.Length == 0 ? [] : new object?[_keys.Length];
    }

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<object?> Values => _values.Select(Visible);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public void Set(int index, object? value) => _values[index] = value;

    public bool ContainsKey(string key) => Array.IndexOf(_keys, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = Array.IndexOf(_keys, key);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = Visible(_values[index]);
        return true;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new(_keys[i], Visible(_values[i]));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        for (var i = 0; i < _keys.Length; i++)
        {
            writer.WritePropertyName(_encodedKeys[i]);
            WriteValue(writer, _values[i]);
        }

        writer.WriteEndObject();
    }
}

/// <summary>A response list; each item slot is written once.</summary>
internal sealed class ResultList : ResultNode, IReadOnlyList<object?>
{
    private readonly object?[] _items;

    public ResultList(ResultNode? parent, bool nonNullInParent, int count)
        : base(parent, nonNullInParent)
    {
        _items = count == 0 ? [] : new object?[count];
    }

    public int Count => _items.Length;

    public object? this[int index] => Visible(_items[index]);

    public void Set(int index, object? value) => _items[index] = value;

    public IEnumerator<object?> GetEnumerator()
    {
        foreach (var item in _items)
        {
            yield return Visible(item);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in _items)
        {
            WriteValue(writer, item);
        }

        writer.WriteEndArray();
    }
}
