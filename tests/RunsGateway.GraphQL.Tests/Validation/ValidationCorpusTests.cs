using System.Collections.Concurrent;
using System.Text.Json;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Tests.Conformance;
using RunsGateway.GraphQL.Types;
using RunsGateway.GraphQL.Validation;
using RunsGateway.GraphQL.Validation.Sdl;

namespace RunsGateway.GraphQL.Tests.Validation;

/// <summary>
/// Replays every record of <c>validation/graphql-js-validation.jsonl</c> of every corpus: executable records rule by rule
/// (error count and locations) and as a whole (valid or not), SDL records through the SDL validator.
/// </summary>
public sealed class ValidationCorpusTests
{
    private const string CorpusFile = "validation/graphql-js-validation.jsonl";

    /// <summary>graphql-js 16.15.0's <c>specifiedRules</c>, which <c>allRulesValid</c> was computed with.</summary>
    private static readonly string[] GraphQLJsSpecifiedRules =
    [
        "ExecutableDefinitionsRule", "UniqueOperationNamesRule", "LoneAnonymousOperationRule", "SingleFieldSubscriptionsRule",
        "KnownTypeNamesRule", "FragmentsOnCompositeTypesRule", "VariablesAreInputTypesRule", "ScalarLeafsRule",
        "FieldsOnCorrectTypeRule", "UniqueFragmentNamesRule", "KnownFragmentNamesRule", "NoUnusedFragmentsRule",
        "PossibleFragmentSpreadsRule", "NoFragmentCyclesRule", "UniqueVariableNamesRule", "NoUndefinedVariablesRule",
        "NoUnusedVariablesRule", "KnownDirectivesRule", "UniqueDirectivesPerLocationRule", "KnownArgumentNamesRule",
        "UniqueArgumentNamesRule", "ValuesOfCorrectTypeRule", "ProvidedRequiredArgumentsRule", "VariablesInAllowedPositionRule",
        "OverlappingFieldsCanBeMergedRule", "UniqueInputFieldNamesRule", "MaxIntrospectionDepthRule",
    ];

    private static readonly Lazy<Dictionary<string, ValidationRecord>> Records = new(Load);
    private static readonly ConcurrentDictionary<string, Lazy<Schema>> Schemas = new(StringComparer.Ordinal);

    public static TheoryData<string> ExecutableCases() => Ids("executable");

    public static TheoryData<string> SdlCases() => Ids("sdl");

    [Theory]
    [MemberData(nameof(ExecutableCases))]
    public void Validate_ExecutableRecord_ReportsExpectedErrorsForItsRule(string id)
    {
        var record = Records.Value[id];
        var schema = BuildSchema(record.Schema!);
        var document = Parser.Parse(record.Document);

        var errors = DocumentValidator.Validate(schema, document, [record.Rule]);

        AssertSameErrors(record, errors);
        errors.ShouldAllBe(e => e.Code == ErrorCodes.ValidationFailed);
    }

    [Theory]
    [MemberData(nameof(ExecutableCases))]
    public void Validate_ExecutableRecord_AllRulesAgreeOnValidity(string id)
    {
        var record = Records.Value[id];
        var schema = BuildSchema(record.Schema!);
        var document = Parser.Parse(record.Document);

        var errors = DocumentValidator.Validate(schema, document, GraphQLJsSpecifiedRules);
        var allSpecified = DocumentValidator.Validate(schema, document);
        var operationTypeErrors = DocumentValidator.Validate(schema, document, ["KnownOperationTypesRule"]);

        (errors.Count == 0).ShouldBe(record.AllRulesValid!.Value, Describe(errors));

        // Our specified rules are graphql-js's plus the spec's Operation Type Existence rule, and nothing else.
        allSpecified.Count.ShouldBe(errors.Count + operationTypeErrors.Count, Describe(allSpecified));
    }

    [Theory]
    [MemberData(nameof(SdlCases))]
    public void Validate_SdlRecord_ReportsExpectedErrorsForItsRule(string id)
    {
        var record = Records.Value[id];
        var document = Parser.Parse(record.Document);
        var schemaToExtend = record.Schema is null ? null : CorpusSchema.BuildPartial(record.Schema);

        var errors = SdlValidator.Validate(document, schemaToExtend, [record.Rule]);

        AssertSameErrors(record, errors);
    }

    [Fact]
    public void Corpus_RepositoryFile_HasEveryRecord()
    {
        var repositoryCorpus = Records.Value.Values.Where(r => r.Corpus == CorpusLocator.RepositoryCorpus()).ToList();

        repositoryCorpus.Count(r => r.Kind == "executable").ShouldBe(429);
        repositoryCorpus.Count(r => r.Kind == "sdl").ShouldBe(106);
    }

    [Fact]
    public void Corpus_ExecutableRules_AreAllKnownByName()
    {
        var unknown = Records.Value.Values
            .Where(r => r.Kind == "executable")
            .Select(r => r.Rule)
            .Distinct()
            .Where(name => !ValidationRules.TryGet(name, out var _))
            .ToList();

        unknown.ShouldBeEmpty();
    }

    private static void AssertSameErrors(ValidationRecord record, IReadOnlyList<GraphQLError> errors)
    {
        var expected = record.Errors.Select(LocationKey).Order(StringComparer.Ordinal).ToList();
        var actual = errors.Select(e => LocationKey(e.Locations)).Order(StringComparer.Ordinal).ToList();
        var explanation = $"{record.Title}\nexpected: {string.Join(" | ", record.ErrorMessages)}\nactual: {Describe(errors)}";

        actual.ShouldBe(expected, explanation);
    }

    private static string LocationKey(IReadOnlyList<SourceLocation> locations)
        => string.Join(",", locations.Select(l => $"{l.Line}:{l.Column}"));

    private static string Describe(IReadOnlyList<GraphQLError> errors)
        => errors.Count == 0 ? "(no errors)" : string.Join(" | ", errors.Select(e => $"{e.Message} @{LocationKey(e.Locations)}"));

    private static Schema BuildSchema(string sdl)
        => Schemas.GetOrAdd(sdl, static s => new Lazy<Schema>(() => CorpusSchema.Build(s))).Value;

    private static TheoryData<string> Ids(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var record in Records.Value.Values.Where(r => r.Kind == kind))
        {
            data.Add(record.Id);
        }

        return data;
    }

    private static Dictionary<string, ValidationRecord> Load()
    {
        var records = new Dictionary<string, ValidationRecord>(StringComparer.Ordinal);
        foreach (var (corpus, file) in CorpusLocator.FilesNamed(CorpusFile))
        {
            var prefix = CorpusLocator.CasePrefix(corpus);
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var record = ValidationRecord.Parse(corpus, prefix, line);
                records.Add(record.Id, record);
            }
        }

        return records;
    }

    private sealed record ValidationRecord(
        string Corpus,
        string Id,
        string Rule,
        string Kind,
        string? Schema,
        string Document,
        IReadOnlyList<IReadOnlyList<SourceLocation>> Errors,
        IReadOnlyList<string> ErrorMessages,
        bool? AllRulesValid,
        string Title)
    {
        public static ValidationRecord Parse(string corpus, string prefix, string line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var errors = new List<IReadOnlyList<SourceLocation>>();
            var messages = new List<string>();
            foreach (var error in root.GetProperty("errors").EnumerateArray())
            {
                messages.Add(error.GetProperty("message").GetString() ?? string.Empty);
                var locations = new List<SourceLocation>();
                if (error.TryGetProperty("locations", out var locationArray))
                {
                    foreach (var location in locationArray.EnumerateArray())
                    {
                        locations.Add(new SourceLocation(location.GetProperty("line").GetInt32(), location.GetProperty("column").GetInt32()));
                    }
                }

                errors.Add(locations);
            }

            var schema = root.TryGetProperty("schema", out var schemaElement) && schemaElement.ValueKind == JsonValueKind.String
                ? schemaElement.GetString()
                : null;
            bool? allRulesValid = root.TryGetProperty("allRulesValid", out var valid) && valid.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? valid.GetBoolean()
                : null;
            return new ValidationRecord(
                corpus,
                prefix + root.GetProperty("id").GetString(),
                root.GetProperty("rule").GetString()!,
                root.GetProperty("kind").GetString()!,
                schema,
                root.GetProperty("document").GetString()!,
                errors,
                messages,
                allRulesValid,
                root.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty);
        }
    }
}
