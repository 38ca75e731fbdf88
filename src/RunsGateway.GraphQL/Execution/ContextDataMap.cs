using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// A request's context data as resolvers see it: reads go to the data the request arrived with until something is written, and
/// the first write copies it into a concurrent dictionary that serves everything after. Most requests only read (a transport's
/// hints), so most never pay for the copy.
/// </summary>
internal sealed class ContextDataMap(IReadOnlyDictionary<string, object?>? initial) : IDictionary<string, object?>
{
    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();
    private readonly IReadOnlyDictionary<string, object?> _initial = initial ?? Empty;
    private ConcurrentDictionary<string, object?>? _copy;

    public int Count => _copy?.Count ?? _initial.Count;

    public bool IsReadOnly => false;

    public ICollection<string> Keys => _copy?.Keys ?? [.. _initial.Keys];

    public ICollection<object?> Values => _copy?.Values ?? [.. _initial.Values];

    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The context data has no \"{key}\".");
        set => Writable()[key] = value;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) =>
        _copy is { } copy ? copy.TryGetValue(key, out value) : _initial.TryGetValue(key, out value);

    public bool ContainsKey(string key) => _copy?.ContainsKey(key) ?? _initial.ContainsKey(key);

    public bool Contains(KeyValuePair<string, object?> item) => TryGetValue(item.Key, out var value) && Equals(value, item.Value);

    public void Add(string key, object? value)
    {
        if (!Writable().TryAdd(key, value))
        {
            throw new ArgumentException($"The context data already has \"{key}\".", nameof(key));
        }
    }

    public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    public bool Remove(string key) => Writable().TryRemove(key, out _);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)Writable()).Remove(item);

    public void Clear() => Writable().Clear();

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (var pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>?)_copy ?? _initial).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ConcurrentDictionary<string, object?> Writable()
    {
        if (Volatile.Read(ref _copy) is { } copy)
        {
            return copy;
        }

        Interlocked.CompareExchange(ref _copy, new ConcurrentDictionary<string, object?>(_initial, StringComparer.Ordinal), null);
        return _copy;
    }
}
