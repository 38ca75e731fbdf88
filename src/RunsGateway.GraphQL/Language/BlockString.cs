using System.Text;

namespace RunsGateway.GraphQL.Language;

/// <summary>Block string helpers: the spec's BlockStringValue() dedent and graphql-js-style printing.</summary>
public static class BlockString
{
    /// <summary>
    /// Applies the spec's indentation removal to raw block string lines: the common indentation of all lines
    /// but the first is removed, then leading and trailing blank lines are dropped; lines are joined with \n.
    /// </summary>
    public static string Dedent(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var commonIndent = int.MaxValue;
        var firstNonEmpty = -1;
        var lastNonEmpty = -1;

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var indent = LeadingWhitespace(line);
            if (indent == line.Length)
            {
                continue;
            }

            if (firstNonEmpty < 0)
            {
                firstNonEmpty = i;
            }

            lastNonEmpty = i;
            if (i != 0 && indent < commonIndent)
            {
                commonIndent = indent;
            }
        }

        if (firstNonEmpty < 0)
        {
            return string.Empty;
        }

        if (firstNonEmpty == lastNonEmpty && (firstNonEmpty == 0 || commonIndent == 0))
        {
            return lines[firstNonEmpty];
        }

        var builder = new StringBuilder();
        for (var i = firstNonEmpty; i <= lastNonEmpty; i++)
        {
            if (i > firstNonEmpty)
            {
                builder.Append('\n');
            }

            var line = lines[i];
            if (i == 0)
            {
                builder.Append(line);
            }
            else if (line.Length > commonIndent)
            {
                builder.Append(line, commonIndent, line.Length - commonIndent);
            }
        }

        return builder.ToString();
    }

    /// <summary>Dedents raw block string content (the text between the triple quotes, escapes already resolved).</summary>
    public static string DedentRaw(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is '\n' or '\r')
            {
                lines.Add(raw[start..i]);
                if (c == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(raw[start..]);
        return Dedent(lines);
    }

    /// <summary>
    /// Prints <paramref name="value"/> as a block string the way graphql-js's printBlockString does,
    /// so that parsing the result yields <paramref name="value"/> again.
    /// </summary>
    public static string Print(string value, bool minimize = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);

        var lines = SplitLines(value);
        var isSingleLine = lines.Length == 1;

        // If common indentation is found we can fix some of those cases by adding a leading new line.
        var forceLeadingNewLine = lines.Length > 1;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length != 0 && LeadingWhitespace(line) == 0)
            {
                forceLeadingNewLine = false;
                break;
            }
        }

        // Trailing triple quotes just looks confusing but doesn't force trailing new line.
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);

        // Trailing quote (single or double) or slash forces trailing new line.
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;

        var printAsMultipleLines = !minimize
            && (!isSingleLine || value.Length > 70 || forceTrailingNewLine || forceLeadingNewLine || hasTrailingTripleQuotes);

        var builder = new StringBuilder(escaped.Length + 8);

        // Leading whitespace on a single line would be eaten as indentation if we broke the line.
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && value[0] is ' ' or '\t';
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            builder.Append('\n');
        }

        builder.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewLine)
        {
            builder.Append('\n');
        }

        return "\"\"\"" + builder + "\"\"\"";
    }

    /// <summary>
    /// True when <paramref name="value"/> survives a round trip through a block string (graphql-js's
    /// isPrintableAsBlockString): no control characters, no \r, no leading or trailing blank lines, no common indentation.
    /// </summary>
    public static bool IsPrintable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var isEmptyLine = true;
        var hasIndent = false;
        var hasCommonIndent = true;
        var seenNonEmptyLine = false;

        foreach (var c in value)
        {
            switch (c)
            {
                case '\r':
                    return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine)
                    {
                        return false;
                    }

                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t':
                case ' ':
                    hasIndent |= isEmptyLine;
                    break;
                default:
                    if (c < ' ')
                    {
                        return false;
                    }

                    hasCommonIndent &= hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }

        if (value.Length == 0)
        {
            return true;
        }

        return !isEmptyLine && !(hasCommonIndent && seenNonEmptyLine);
    }

    private static string[] SplitLines(string value) =>
        value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r');

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }
}
