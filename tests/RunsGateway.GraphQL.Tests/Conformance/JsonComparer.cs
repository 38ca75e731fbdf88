using System.Text.Json;

namespace RunsGateway.GraphQL.Tests.Conformance;

/// <summary>Compares response JSON as the corpus README prescribes.</summary>
public static class JsonComparer
{
    /// <summary>
    /// Deep equality with object keys in order, numbers by value, and arrays compared as multisets at the dotted
    /// <paramref name="unorderedPaths"/> (response keys only; arrays are crossed implicitly).
    /// </summary>
    /// <returns>Null when equal, otherwise a description of the first difference.</returns>
    public static string? Difference(JsonElement expected, JsonElement actual, IReadOnlySet<string> unorderedPaths, bool orderedKeys = true, string path = "")
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBoolean(expected) && IsBoolean(actual)))
        {
            return $"{Show(path)}: expected {expected.ValueKind} {Clip(expected)}, got {actual.ValueKind} {Clip(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = expected.EnumerateObject().ToList();
                var actualProperties = actual.EnumerateObject().ToList();
                var expectedNames = expectedProperties.Select(p => p.Name).ToList();
                var actualNames = actualProperties.Select(p => p.Name).ToList();
                if (orderedKeys ? !expectedNames.SequenceEqual(actualNames) : !expectedNames.Order().SequenceEqual(actualNames.Order()))
                {
                    return $"{Show(path)}: expected keys [{string.Join(", ", expectedNames)}], got [{string.Join(", ", actualNames)}]";
                }

                foreach (var property in expectedProperties)
                {
                    var childPath = path.Length == 0 ? property.Name : path + "." + property.Name;
                    var difference = Difference(property.Value, actual.GetProperty(property.Name), unorderedPaths, orderedKeys, childPath);
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    return $"{Show(path)}: expected {expectedItems.Count} items, got {actualItems.Count}: {Clip(actual)}";
                }

                if (unorderedPaths.Contains(path))
                {
                    var used = new bool[actualItems.Count];
                    foreach (var item in expectedItems)
                    {
                        var match = Enumerable.Range(0, actualItems.Count)
                            .FirstOrDefault(i => !used[i] && Difference(item, actualItems[i], unorderedPaths, orderedKeys, path) is null, -1);
                        if (match < 0)
                        {
                            return $"{Show(path)}: no actual item equals {Clip(item)}";
                        }

                        used[match] = true;
                    }

                    return null;
                }

                for (var i = 0; i < expectedItems.Count; i++)
                {
                    var difference = Difference(expectedItems[i], actualItems[i], unorderedPaths, orderedKeys, path);
                    if (difference is not null)
                    {
                        return difference + $" (item {i})";
                    }
                }

                return null;
            case JsonValueKind.Number:
                return expected.GetDouble() == actual.GetDouble() ? null : $"{Show(path)}: expected {expected}, got {actual}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{Show(path)}: expected {Clip(expected)}, got {Clip(actual)}";
            case JsonValueKind.True or JsonValueKind.False:
                return expected.GetBoolean() == actual.GetBoolean() ? null : $"{Show(path)}: expected {expected}, got {actual}";
            default:
                return null;
        }
    }

    /// <summary>
    /// Matches expected and actual errors one to one, ignoring order: equal path, equal locations (ordered; missing is
    /// empty) and every expected extension present with an equal value.
    /// </summary>
    /// <returns>Null when they match, otherwise a description.</returns>
    public static string? ErrorsDifference(JsonElement? expected, JsonElement? actual)
    {
        var expectedErrors = expected is { ValueKind: JsonValueKind.Array } e ? e.EnumerateArray().ToList() : [];
        var actualErrors = actual is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().ToList() : [];
        if (expectedErrors.Count != actualErrors.Count)
        {
            return $"expected {expectedErrors.Count} errors, got {actualErrors.Count}: {string.Join(" | ", actualErrors.Select(Clip))}";
        }

        var used = new bool[actualErrors.Count];
        foreach (var error in expectedErrors)
        {
            var match = Enumerable.Range(0, actualErrors.Count).FirstOrDefault(i => !used[i] && ErrorMatches(error, actualErrors[i]), -1);
            if (match < 0)
            {
                return $"no actual error matches {Clip(error)}; actual: {string.Join(" | ", actualErrors.Select(Clip))}";
            }

            used[match] = true;
        }

        return null;
    }

    private static bool ErrorMatches(JsonElement expected, JsonElement actual)
    {
        var noSet = new HashSet<string>();
        var expectedPath = expected.TryGetProperty("path", out var p) ? p : default;
        var actualPath = actual.TryGetProperty("path", out var q) ? q : default;
        if (expectedPath.ValueKind != actualPath.ValueKind
            || (expectedPath.ValueKind == JsonValueKind.Array && Difference(expectedPath, actualPath, noSet) is not null))
        {
            return false;
        }

        var expectedLocations = expected.TryGetProperty("locations", out var l) ? l.EnumerateArray().ToList() : [];
        var actualLocations = actual.TryGetProperty("locations", out var m) ? m.EnumerateArray().ToList() : [];
        if (expectedLocations.Count != actualLocations.Count
            || expectedLocations.Zip(actualLocations).Any(pair => Difference(pair.First, pair.Second, noSet, orderedKeys: false) is not null))
        {
            return false;
        }

        if (expected.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object)
        {
            var actualExtensions = actual.TryGetProperty("extensions", out var x) ? x : default;
            foreach (var property in extensions.EnumerateObject())
            {
                if (actualExtensions.ValueKind != JsonValueKind.Object
                    || !actualExtensions.TryGetProperty(property.Name, out var value)
                    || Difference(property.Value, value, noSet, orderedKeys: false) is not null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsBoolean(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static string Show(string path) => path.Length == 0 ? "<root>" : path;

    private static string Clip(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
