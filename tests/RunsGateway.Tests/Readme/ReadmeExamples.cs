using System.Reflection;

namespace RunsGateway.Tests.Readme;

/// <summary>One GraphQL example of the README: the query block, the JSON block right after it, and where it stands.</summary>
/// <param name="Name">The bold label of the paragraph above the query (e.g. <c>CCExtractor</c>), or the line number.</param>
/// <param name="Line">The 1-based line of the query block's opening fence.</param>
public sealed record ReadmeExample(string Name, int Line, string Query, string Response)
{
    /// <summary>"CCExtractor (README.md line 52)".</summary>
    public override string ToString() => $"{Name} (README.md line {Line})";
}

/// <summary>Reads the GraphQL examples out of the repository's README.md.</summary>
public static class ReadmeExamples
{
    /// <summary>The README of the repository this test assembly was built from.</summary>
    public static string ReadmePath { get; } = Path.Combine(
        typeof(ReadmeExamples).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "README.md");

    /// <summary>The examples of <see cref="ReadmePath"/>.</summary>
    public static IReadOnlyList<ReadmeExample> All() => Parse(File.ReadAllLines(ReadmePath));

    /// <summary>
    /// Every <c>```graphql</c> block and the <c>```json</c> block that follows it (only blank lines between). A query block
    /// without a response block is an error: an example the test cannot check would drift.
    /// </summary>
    public static IReadOnlyList<ReadmeExample> Parse(IReadOnlyList<string> lines)
    {
        var examples = new List<ReadmeExample>();
        string? label = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith("**", StringComparison.Ordinal) && line.IndexOf("**", 2, StringComparison.Ordinal) is var end and > 2)
            {
                label = line[2..end];
            }
            else if (line.StartsWith('#'))
            {
                label = null;
            }

            if (line.Trim() != "```graphql")
            {
                continue;
            }

            var start = i + 1;
            var query = Block(lines, ref i);
            var next = i + 1;
            while (next < lines.Count && string.IsNullOrWhiteSpace(lines[next]))
            {
                next++;
            }

            if (next >= lines.Count || lines[next].Trim() != "```json")
            {
                throw new FormatException($"README.md line {start}: a ```graphql example must be followed by a ```json block with its response.");
            }

            i = next;
            var response = Block(lines, ref i);
            examples.Add(new ReadmeExample(label ?? $"line {start}", start, query, response));
            label = null;
        }

        return examples;
    }

    /// <summary>The text from the line after the opening fence at <paramref name="i"/> to the closing fence, which <paramref name="i"/> ends on.</summary>
    private static string Block(IReadOnlyList<string> lines, ref int i)
    {
        var open = i;
        var text = new List<string>();
        for (i++; i < lines.Count; i++)
        {
            if (lines[i].Trim() == "```")
            {
                return string.Join('\n', text);
            }

            text.Add(lines[i]);
        }

        throw new FormatException($"README.md line {open + 1}: the code block is not closed.");
    }
}
