using System.Buffers;
using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// A small, read-only, ordered map of an input object's fields (a JSON object of the variables, a coerced input object): one
/// array of entries searched in order. Input objects have a handful of fields, where a scan beats a hash table and costs a
/// fraction of its memory; larger ones use a <see cref="Dictionary{TKey, TValue}"/> (see <see cref="Builder"/>).
/// </summary>
internal sealed class InputMap : IReadOnlyDictionary<string, object?>
{
    /// <summary>The most entries kept in an <see cref="InputMap"/>; a larger object becomes a dictionary.</summary>
    public const int MaxEntries = 8;

    private readonly KeyValuePair<string, object?>[] _entries;

    private InputMap(KeyValuePair<string, object?>[] entries) => _entries = entries;

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<object?> Values => _entries.Select(e => e.Value);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The input has no field \"{key}\".");

    /// <summary>The entry at <paramref name="index"/>, in insertion order.</summary>
    public KeyValuePair<string, object?> GetAt(int index) => _entries[index];

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = _entries[index].Value;
        return true;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        var entries = _entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Collects the entries of one object; a repeated key replaces the earlier value in place (JSON.parse's rule).</summary>
    public struct Builder
    {
        private KeyValuePair<string, object?>[]? _entries;
        private Dictionary<string, object?>? _large;
        private int _count;

        public void Set(string key, object? value)
        {
            if (_large is not null)
            {
                _large[key] = value;
                return;
            }

            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_entries![i].Key, key, StringComparison.Ordinal))
                {
                    _entries[i] = new(key, value);
                    return;
                }
            }

            if (_count == MaxEntries)
            {
                _large = new Dictionary<string, object?>(MaxEntries * 2, StringComparer.Ordinal);
                for (var i = 0; i < _count; i++)
                {
                    _large.Add(_entries![i].Key, _entries[i].Value);
                }

                _large[key] = value;
                return;
            }

            // A scratch array from the shared pool while the object is read; the map keeps an exactly sized copy.
            _entries ??= ArrayPool<KeyValuePair<string, object?>>.Shared.Rent(MaxEntries);
            _entries[_count++] = new(key, value);
        }

        /// <summary>The map: exactly sized, or the dictionary an object of more than <see cref="MaxEntries"/> keys became.</summary>
        public IReadOnlyDictionary<string, object?> Build()
        {
            var scratch = _entries;
            var map = _large ?? (IReadOnlyDictionary<string, object?>)new InputMap(scratch is null ? [] : scratch.AsSpan(0, _count).ToArray());
            if (scratch is not null)
            {
                ArrayPool<KeyValuePair<string, object?>>.Shared.Return(scratch, clearArray: true);
                _entries = null;
                _count = 0;
            }

            return map;
        }
    }
}
