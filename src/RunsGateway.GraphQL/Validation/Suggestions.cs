using System.Text;

namespace RunsGateway.GraphQL.Validation;

/// <summary>"Did you mean …?" hints for misspelled names, ranked by edit distance.</summary>
internal static class Suggestions
{
    private const int MaxSuggestions = 5;

    /// <summary>The options close enough to <paramref name="input"/>, closest first.</summary>
    public static List<string> SuggestionList(string input, IEnumerable<string> options)
    {
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var lowerInput = input.ToLowerInvariant();
        var ranked = new List<(string Option, int Distance)>();
        foreach (var option in options)
        {
            var distance = string.Equals(option, input, StringComparison.Ordinal)
                ? 0
                : (string.Equals(option.ToLowerInvariant(), lowerInput, StringComparison.Ordinal) ? 1 : Distance(lowerInput, option.ToLowerInvariant()));
            if (distance <= threshold)
            {
                ranked.Add((option, distance));
            }
        }

        ranked.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Option, b.Option));
        return ranked.ConvertAll(r => r.Option);
    }

    /// <summary>Formats suggestions as graphql-js does: <c> Did you mean "a", "b", or "c"?</c>, or empty.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions, string? prefix = null)
    {
        if (suggestions.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder(" Did you mean ");
        if (prefix is not null)
        {
            sb.Append(prefix).Append(' ');
        }

        var count = Math.Min(suggestions.Count, MaxSuggestions);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(count > 2 ? ", " : " ");
            }

            if (i == count - 1 && count > 1)
            {
                sb.Append("or ");
            }

            sb.Append('"').Append(suggestions[i]).Append('"');
        }

        return sb.Append('?').ToString();
    }

    // Damerau–Levenshtein (optimal string alignment) distance.
    private static int Distance(string a, string b)
    {
        var rows = new int[3][];
        for (var i = 0; i < 3; i++)
        {
            rows[i] = new int[b.Length + 1];
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var current = rows[i % 3];
            var previous = rows[(i - 1) % 3];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, rows[(i - 2) % 3][j - 2] + 1);
                }

                current[j] = value;
            }
        }

        return rows[a.Length % 3][b.Length];
    }
}
