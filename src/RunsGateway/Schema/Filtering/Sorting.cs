using System.Globalization;
using System.Reflection;
using RunsGateway.GraphQL;

namespace RunsGateway.Schema.Filtering;

/// <summary>HotChocolate.Data's <c>SortEnumType</c>.</summary>
internal enum SortEnumType
{
    Asc,
    Desc,
}

/// <summary>Turns <c>order</c> entries into stable sort keys; an entry must name exactly one field, as in Hot Chocolate.</summary>
internal static class Sorting
{
    /// <summary>The code of a sort entry that names no field or more than one.</summary>
    public const string InvalidOrder = "INVALID_ORDER";

    public static List<(Func<T, IComparable?> Key, bool Descending)> Keys<TEntry, T>(IReadOnlyList<TEntry> order, Func<TEntry, Func<T, IComparable?>?> keyOf)
        where TEntry : notnull
    {
        var keys = new List<(Func<T, IComparable?>, bool)>(order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            var entry = order[i];
            var given = Fields<TEntry>.Directions.Select(read => read(entry)).Where(d => d is not null).ToList();
            if (given.Count != 1)
            {
                throw new GraphQLException(new GraphQLError(
                    string.Create(CultureInfo.InvariantCulture, $"Each `order` entry must set exactly one field; entry {i} sets {given.Count}. Use one entry per field: [{{ a: ASC }}, {{ b: DESC }}]."),
                    extensions: new Dictionary<string, object?> { ["code"] = InvalidOrder, ["argumentPath"] = new object[] { "order", i } }));
            }

            keys.Add((keyOf(entry)!, given[0] == SortEnumType.Desc));
        }

        return keys;
    }

    /// <summary>Orders by the keys; LINQ's sort is stable, so ties keep the source order and cursors stay put.</summary>
    public static IEnumerable<TItem> Order<TItem, T>(IEnumerable<TItem> items, List<(Func<T, IComparable?> Key, bool Descending)> keys, Func<TItem, T> select)
    {
        if (keys.Count == 0)
        {
            return items;
        }

        var comparer = KeyComparer.Instance;
        var (first, firstDescending) = keys[0];
        var ordered = firstDescending
            ? items.OrderByDescending(i => first(select(i)), comparer)
            : items.OrderBy(i => first(select(i)), comparer);
        foreach (var (key, descending) in keys.Skip(1))
        {
            ordered = descending ? ordered.ThenByDescending(i => key(select(i)), comparer) : ordered.ThenBy(i => key(select(i)), comparer);
        }

        return ordered;
    }

    /// <summary>Compares sort keys: nulls first, strings ordinal, everything else by its own comparison.</summary>
    private sealed class KeyComparer : IComparer<IComparable?>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(IComparable? x, IComparable? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => x.CompareTo(y),
        };
    }

    /// <summary>Reads every <see cref="SortEnumType"/> property of a sort input record (found once per record type).</summary>
    private static class Fields<TEntry>
    {
        public static readonly Func<TEntry, SortEnumType?>[] Directions =
        [
            .. typeof(TEntry).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(SortEnumType?))
                .Select(p => p.GetMethod!.CreateDelegate<Func<TEntry, SortEnumType?>>()),
        ];
    }
}
