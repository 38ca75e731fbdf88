using System.Text.Json;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Tests.Conformance;
using RunsGateway.GraphQL.Types;
using RunsGateway.GraphQL.Validation.Sdl;

namespace RunsGateway.GraphQL.Tests.Types;

/// <summary>Replays the corpus's SDL validation records and builds every corpus schema.</summary>
public sealed class SdlValidatorCorpusTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Records = new(LoadSdlRecords);

    public static TheoryData<string> SdlRecordIds()
    {
        var data = new TheoryData<string>();
        foreach (var record in SdlRecords())
        {
            data.Add(record.Key);
        }

        return data;
    }

    public static TheoryData<string> ExecutionSchemas()
    {
        var data = new TheoryData<string>();
        foreach (var corpus in CorpusLocator.Directories())
        {
            var execution = Path.Combine(corpus, "execution");
            if (!Directory.Exists(execution))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(execution, "schema.graphql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SdlRecordIds))]
    public void Validate_SdlCorpusRecord_ReportsExpectedErrorLocations(string id)
    {
        var record = SdlRecords()[id];
        var rule = record.GetProperty("rule").GetString()!;
        var schemaText = record.GetProperty("schema").ValueKind == JsonValueKind.String ? record.GetProperty("schema").GetString() : null;
        var schema = schemaText is null ? null : SchemaBuilder.FromSdl(schemaText).AssumeValid().Build();
        var document = Parser.Parse(record.GetProperty("document").GetString()!);

        var errors = SdlValidator.Validate(document, schema, [rule]);

        var expected = record.GetProperty("errors").EnumerateArray()
            .Select(e => string.Join(" ", e.GetProperty("locations").EnumerateArray().Select(l => $"{l.GetProperty("line").GetInt32()}:{l.GetProperty("column").GetInt32()}")))
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = errors
            .Select(e => string.Join(" ", e.Locations.Select(l => $"{l.Line}:{l.Column}")))
            .Order(StringComparer.Ordinal)
            .ToList();
        actual.ShouldBe(expected, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
    }

    [Theory]
    [MemberData(nameof(ExecutionSchemas))]
    public void Build_ExecutionSuiteSchema_IsValidAndHasQueryType(string path)
    {
        var schema = SchemaBuilder.FromSdl(File.ReadAllText(path)).Build();

        schema.QueryType.Name.ShouldNotBeNullOrEmpty();
        schema.Types.Values.OfType<ComplexType>().ShouldAllBe(t => t.Fields.Count > 0);
    }

    [Fact]
    public void Build_EveryExecutableValidationSchema_BuildsWithoutErrors()
    {
        var schemas = CorpusLocator.FilesNamed(Path.Combine("validation", "graphql-js-validation.jsonl"))
            .SelectMany(f => File.ReadLines(f.File))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(r => r.GetProperty("kind").GetString() == "executable")
            .Select(r => r.GetProperty("schema").GetString()!)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var failures = new List<string>();
        foreach (var sdl in schemas)
        {
            try
            {
                SchemaBuilder.FromSdl(sdl).Build();
            }
            catch (SchemaException ex)
            {
                failures.Add(ex.Message);
            }
        }

        schemas.ShouldNotBeEmpty();
        failures.ShouldBeEmpty();
    }

    private static Dictionary<string, JsonElement> SdlRecords() => Records.Value;

    private static Dictionary<string, JsonElement> LoadSdlRecords()
    {
        var records = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (corpus, file) in CorpusLocator.FilesNamed(Path.Combine("validation", "graphql-js-validation.jsonl")))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var record = JsonDocument.Parse(line).RootElement;
                if (record.GetProperty("kind").GetString() == "sdl")
                {
                    records[CorpusLocator.CasePrefix(corpus) + record.GetProperty("id").GetString()] = record;
                }
            }
        }

        return records;
    }
}
