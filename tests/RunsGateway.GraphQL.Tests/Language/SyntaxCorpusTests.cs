using System.Text.Json;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Tests.Conformance;

namespace RunsGateway.GraphQL.Tests.Language;

/// <summary>Replays every record of <c>language/syntax-errors.jsonl</c> of every corpus.</summary>
public sealed class SyntaxCorpusTests
{
    private const string CorpusFile = "language/syntax-errors.jsonl";

    private static readonly Lazy<Dictionary<string, SyntaxRecord>> Records = new(Load);

    public static TheoryData<string> InvalidCases() => Ids(valid: false);

    public static TheoryData<string> ValidCases() => Ids(valid: true);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Parse_InvalidSource_FailsAtExpectedLocation(string id)
    {
        var record = Records.Value[id];

        var exception = Should.Throw<GraphQLException>(() => Parser.Parse(record.Source));

        exception.Errors.Count.ShouldBe(1);
        var error = exception.Errors[0];
        error.Code.ShouldBe(ErrorCodes.SyntaxError);
        error.Locations.ShouldBe([record.ErrorLocation!.Value], $"expected: {record.ErrorMessage}; actual: {error.Message}");
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Parse_ValidSource_ProducesExpectedDefinitionsAndStrings(string id)
    {
        var record = Records.Value[id];

        var document = Parser.Parse(record.Source);

        document.Definitions.Select(d => d.Kind.ToString()).ShouldBe(record.Definitions);
        StringCollector.Collect(document).ShouldBe(record.StringValues);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Print_ValidSource_RoundTripsToEqualTree(string id)
    {
        var record = Records.Value[id];
        var document = Parser.Parse(record.Source);

        var printed = Printer.Print(document);
        var reparsed = Parser.Parse(printed);

        SyntaxTreeComparer.Describe(reparsed).ShouldBe(SyntaxTreeComparer.Describe(document), printed);
        Printer.Print(reparsed).ShouldBe(printed);
    }

    [Fact]
    public void Corpus_RepositoryFile_HasRecords()
    {
        Records.Value.Count.ShouldBeGreaterThanOrEqualTo(227);
    }

    private static TheoryData<string> Ids(bool valid)
    {
        var data = new TheoryData<string>();
        foreach (var pair in Records.Value)
        {
            if (pair.Value.Valid == valid)
            {
                data.Add(pair.Key);
            }
        }

        return data;
    }

    private static Dictionary<string, SyntaxRecord> Load()
    {
        var records = new Dictionary<string, SyntaxRecord>(StringComparer.Ordinal);
        foreach (var (corpus, file) in CorpusLocator.FilesNamed(CorpusFile))
        {
            var prefix = CorpusLocator.CasePrefix(corpus);
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var id = prefix + root.GetProperty("id").GetString();
                var valid = root.GetProperty("valid").GetBoolean();
                SourceLocation? location = null;
                string? message = null;
                string[] definitions = [];
                string[] strings = [];
                if (valid)
                {
                    definitions = [.. root.GetProperty("definitions").EnumerateArray().Select(e => e.GetString()!)];
                    strings = [.. root.GetProperty("stringValues").EnumerateArray().Select(e => e.GetString()!)];
                }
                else
                {
                    var error = root.GetProperty("error");
                    message = error.GetProperty("message").GetString();
                    var loc = error.GetProperty("locations")[0];
                    location = new SourceLocation(loc.GetProperty("line").GetInt32(), loc.GetProperty("column").GetInt32());
                }

                records.Add(id, new SyntaxRecord(root.GetProperty("source").GetString()!, valid, location, message, definitions, strings));
            }
        }

        return records;
    }

    private sealed record SyntaxRecord(
        string Source, bool Valid, SourceLocation? ErrorLocation, string? ErrorMessage, string[] Definitions, string[] StringValues);

    private sealed class StringCollector : SyntaxWalker
    {
        private readonly List<StringValueNode> _strings = [];

        public static string[] Collect(DocumentNode document)
        {
            var collector = new StringCollector();
            collector.Walk(document);
            return [.. collector._strings.OrderBy(s => s.Location.Start).Select(s => s.Value)];
        }

        protected override bool Enter(SyntaxNode node)
        {
            if (node is StringValueNode s)
            {
                _strings.Add(s);
            }

            return true;
        }
    }
}
