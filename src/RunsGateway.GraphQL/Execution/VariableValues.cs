using System.Collections;

namespace RunsGateway.GraphQL.Execution;

/// <summary>Structural equality of coerced variable values (scalars, enum values, lists and input objects).</summary>
internal static class VariableValues
{
    /// <summary>True when both sets hold the same variables with equal values.</summary>
    public static bool AreEqual(IReadOnlyDictionary<string, object?> left, IReadOnlyDictionary<string, object?> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (name, value) in left)
        {
            if (!right.TryGetValue(name, out var other) || !ValueEquals(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ValueEquals(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) => AreEqual(a, b),
        (IEnumerable a, IEnumerable b) when left is not string && right is not string => SequenceEquals(a, b),
        _ => left.Equals(right),
    };

    private static bool SequenceEquals(IEnumerable left, IEnumerable right)
    {
        var a = left.GetEnumerator();
        var b = right.GetEnumerator();
        while (true)
        {
            var hasA = a.MoveNext();
            if (hasA != b.MoveNext())
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (!ValueEquals(a.Current, b.Current))
            {
                return false;
            }
        }
    }
}
