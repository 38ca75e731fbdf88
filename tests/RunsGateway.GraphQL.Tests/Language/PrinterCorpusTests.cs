using System.Text.Json;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Tests.Conformance;

namespace RunsGateway.GraphQL.Tests.Language;

/// <summary>Parse → print → parse over every document and schema of the corpora (validation, execution, introspection).</summary>
public sealed class PrinterCorpusTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var corpus in CorpusLocator.Directories())
        {
            foreach (var file in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(".graphql", StringComparison.Ordinal) || name is "cases.jsonl" or "graphql-js-validation.jsonl")
                {
                    data.Add(Path.GetRelativePath(CorpusLocator.RepositoryCorpus(), file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Print_EveryParsableSourceOfTheFile_RoundTripsToAnEqualTree(string file)
    {
        var failures = new List<string>();
        var checkedCount = 0;

        foreach (var (id, source) in Sources(Path.GetFullPath(file, CorpusLocator.RepositoryCorpus())))
        {
            DocumentNode document;
            try
            {
                document = Parser.Parse(source);
            }
            catch (GraphQLException)
            {
                // Some execution cases test parse errors on purpose.
                continue;
            }

            checkedCount++;
            var printed = Printer.Print(document);
            var reparsed = Parser.Parse(printed);
            if (SyntaxTreeComparer.Describe(reparsed) != SyntaxTreeComparer.Describe(document) || Printer.Print(reparsed) != printed)
            {
                failures.Add(id);
            }
        }

        checkedCount.ShouldBeGreaterThan(0);
        failures.ShouldBeEmpty();
    }

    private static IEnumerable<(string Id, string Source)> Sources(string path)
    {
        if (path.EndsWith(".graphql", StringComparison.Ordinal))
        {
            yield return (path, File.ReadAllText(path));
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("id").GetString()!;
            foreach (var property in new[] { "query", "document", "schema" })
            {
                if (root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    yield return ($"{id}:{property}", value.GetString()!);
                }
            }
        }
    }
}
