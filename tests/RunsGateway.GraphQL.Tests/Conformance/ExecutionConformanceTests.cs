using System.Text.Json;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.Tests.Conformance;

/// <summary>Replays every case of every execution suite (README section 3).</summary>
public sealed class ExecutionConformanceTests
{
    /// <summary>One row per case.</summary>
    public static TheoryData<string> Cases() => [.. ExecutionCorpus.CaseIds];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Execute_CorpusCase_MatchesExpected(string id)
    {
        var (suite, testCase) = ExecutionCorpus.GetCase(id);
        var request = new GraphQLRequest
        {
            Query = testCase.GetProperty("query").GetString()!,
            OperationName = testCase.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            Variables = testCase.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object
                ? (IReadOnlyDictionary<string, object?>?)JsonInput.FromElement(variables)
                : null,
            RootValue = suite.Root,
        };

        var result = await suite.Executor.ExecuteAsync(request, TestContext.Current.CancellationToken);

        var actual = JsonDocument.Parse(result.ToJson()).RootElement;
        var expected = testCase.GetProperty("expected");
        var unordered = testCase.TryGetProperty("unorderedPaths", out var paths)
            ? paths.EnumerateArray().Select(p => p.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

        var difference = Compare(expected, actual, unordered);
        if (difference is not null && testCase.TryGetProperty("specDivergence", out _))
        {
            // graphql-js lists DIRECTIVE_DEFINITION for @deprecated; the spec does not. Either answer is accepted.
            var specAnswer = JsonDocument.Parse(WithoutDeprecatedDirectiveDefinition(expected.GetRawText())).RootElement;
            difference = Compare(specAnswer, actual, unordered) is null ? null : difference;
        }

        Assert.True(difference is null, $"{id}: {difference}\nquery: {request.Query}\nactual: {result.ToJson()}");
    }

    internal static string? Compare(JsonElement expected, JsonElement actual, IReadOnlySet<string> unordered)
    {
        if (expected.TryGetProperty("data", out var expectedData))
        {
            if (!actual.TryGetProperty("data", out var actualData))
            {
                return "expected data, the response has none";
            }

            if (JsonComparer.Difference(expectedData, actualData, unordered) is { } dataDifference)
            {
                return "data: " + dataDifference;
            }
        }
        else if (actual.TryGetProperty("data", out _))
        {
            return "expected no data (a request error), the response has data";
        }

        var expectedErrors = expected.TryGetProperty("errors", out var e) ? e : (JsonElement?)null;
        var actualErrors = actual.TryGetProperty("errors", out var a) ? a : (JsonElement?)null;
        return JsonComparer.ErrorsDifference(expectedErrors, actualErrors) is { } errorDifference ? "errors: " + errorDifference : null;
    }

    private static string WithoutDeprecatedDirectiveDefinition(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Strip(node);
        return node.ToJsonString();

        static void Strip(System.Text.Json.Nodes.JsonNode? node)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject obj:
                    if (obj["name"] is System.Text.Json.Nodes.JsonValue name && name.TryGetValue<string>(out var text) && text == "deprecated" && obj["locations"] is System.Text.Json.Nodes.JsonArray locations)
                    {
                        foreach (var location in locations.Where(l => l is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var t) && t == "DIRECTIVE_DEFINITION").ToList())
                        {
                            locations.Remove(location);
                        }
                    }

                    foreach (var property in obj.ToList())
                    {
                        Strip(property.Value);
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray array:
                    foreach (var item in array)
                    {
                        Strip(item);
                    }

                    break;
            }
        }
    }
}
