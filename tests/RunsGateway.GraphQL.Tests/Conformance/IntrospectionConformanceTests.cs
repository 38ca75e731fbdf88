using System.Text.Json;
using System.Text.Json.Nodes;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.Tests.Conformance;

/// <summary>Runs the standard introspection query against every suite's schema (README section 4).</summary>
public sealed class IntrospectionConformanceTests
{
    private static readonly HashSet<string> BuiltInDirectives = ["include", "skip", "deprecated", "specifiedBy", "oneOf"];
    private static readonly HashSet<string> BuiltInScalars = ["String", "Int", "Float", "Boolean", "ID"];

    /// <summary>One row per suite that has an introspection result.</summary>
    public static TheoryData<string> Suites()
    {
        var data = new TheoryData<string>();
        foreach (var suite in ExecutionCorpus.All.Values)
        {
            if (File.Exists(ExpectedFile(suite)))
            {
                data.Add(suite.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Introspect_SuiteSchema_MatchesGraphQLJs(string suiteId)
    {
        var suite = ExecutionCorpus.All[suiteId];
        var query = await File.ReadAllTextAsync(Path.Combine(suite.Corpus, "introspection", "query.graphql"), TestContext.Current.CancellationToken);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(ExpectedFile(suite), TestContext.Current.CancellationToken))!;

        var result = await suite.Executor.ExecuteAsync(new GraphQLRequest { Query = query }, TestContext.Current.CancellationToken);

        result.Errors.ShouldBeEmpty();
        var actual = JsonNode.Parse(result.ToJson())!;
        var expectedSchema = expected["data"]!["__schema"]!.AsObject();
        var actualSchema = actual["data"]!["__schema"]!.AsObject();
        var differences = new List<string>();

        foreach (var key in new[] { "description", "queryType", "mutationType", "subscriptionType" })
        {
            AddDifference(differences, key, expectedSchema[key], actualSchema[key]);
        }

        CompareNamed(differences, "types", expectedSchema["types"]!.AsArray(), actualSchema["types"]!.AsArray(), IsBuiltInType);
        CompareNamed(differences, "directives", expectedSchema["directives"]!.AsArray(), actualSchema["directives"]!.AsArray(), BuiltInDirectives.Contains);

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static string ExpectedFile(ExecutionCorpus.Suite suite) => Path.Combine(suite.Corpus, "introspection", suite.Name + ".json");

    private static bool IsBuiltInType(string name) => name.StartsWith("__", StringComparison.Ordinal) || BuiltInScalars.Contains(name);

    private static void CompareNamed(List<string> differences, string what, JsonArray expected, JsonArray actual, Func<string, bool> isBuiltIn)
    {
        var actualByName = actual.ToDictionary(n => n!["name"]!.GetValue<string>(), n => n!);
        var expectedNames = expected.Select(n => n!["name"]!.GetValue<string>()).ToHashSet();
        foreach (var extra in actualByName.Keys.Where(n => !expectedNames.Contains(n)))
        {
            differences.Add($"{what}: unexpected {extra}");
        }

        foreach (var item in expected)
        {
            var name = item!["name"]!.GetValue<string>();
            if (!actualByName.TryGetValue(name, out var actualItem))
            {
                differences.Add($"{what}: missing {name}");
                continue;
            }

            var exact = Difference(item, actualItem);
            if (exact is null)
            {
                continue;
            }

            // Built-ins may follow the spec where graphql-js 16.15.0 differs (README "Known divergences"); their
            // descriptions are not fixed by the spec.
            if (isBuiltIn(name) && Difference(ToSpecForm(item, name), WithoutDescriptions(actualItem)) is null)
            {
                continue;
            }

            differences.Add($"{what} {name}: {exact}");
        }
    }

    private static void AddDifference(List<string> differences, string key, JsonNode? expected, JsonNode? actual)
    {
        if (Difference(expected, actual) is { } difference)
        {
            differences.Add($"{key}: {difference}");
        }
    }

    private static string? Difference(JsonNode? expected, JsonNode? actual)
    {
        var unordered = new HashSet<string>(StringComparer.Ordinal) { "possibleTypes" };
        using var e = JsonDocument.Parse(expected?.ToJsonString() ?? "null");
        using var a = JsonDocument.Parse(actual?.ToJsonString() ?? "null");
        return JsonComparer.Difference(e.RootElement, a.RootElement, unordered);
    }

    /// <summary>The graphql-js entry rewritten to the spec's definition of the built-in, without descriptions.</summary>
    private static JsonNode ToSpecForm(JsonNode node, string name)
    {
        var copy = WithoutDescriptions(node);
        switch (name)
        {
            case "deprecated":
                RemoveValue(copy["locations"]!.AsArray(), "DIRECTIVE_DEFINITION");
                foreach (var argument in copy["args"]!.AsArray())
                {
                    if (argument!["name"]!.GetValue<string>() == "reason")
                    {
                        argument["type"] = new JsonObject { ["kind"] = "NON_NULL", ["name"] = null, ["ofType"] = argument["type"]!.DeepClone() };
                    }
                }

                break;
            case "__Directive":
                RemoveNamed(copy["fields"]!.AsArray(), "isDeprecated", "deprecationReason");
                break;
            case "__DirectiveLocation":
                RemoveNamed(copy["enumValues"]!.AsArray(), "DIRECTIVE_DEFINITION");
                break;
            case "__Schema":
                foreach (var field in copy["fields"]!.AsArray().Where(f => f!["name"]!.GetValue<string>() == "directives"))
                {
                    field!["args"] = new JsonArray();
                }

                break;
        }

        // includeDeprecated is Boolean! = false in the spec, Boolean = false in graphql-js.
        foreach (var field in copy["fields"] is JsonArray fields ? fields : [])
        {
            foreach (var argument in field!["args"]!.AsArray().Where(a => a!["name"]!.GetValue<string>() == "includeDeprecated"))
            {
                if (argument!["type"]!["kind"]!.GetValue<string>() != "NON_NULL")
                {
                    argument["type"] = new JsonObject { ["kind"] = "NON_NULL", ["name"] = null, ["ofType"] = argument["type"]!.DeepClone() };
                }
            }
        }

        return copy;
    }

    private static JsonNode WithoutDescriptions(JsonNode node)
    {
        var copy = node.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj.ContainsKey("description"))
                    {
                        obj["description"] = null;
                    }

                    foreach (var property in obj.ToList())
                    {
                        Strip(property.Value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Strip(item);
                    }

                    break;
            }
        }
    }

    private static void RemoveValue(JsonArray array, string value)
    {
        foreach (var item in array.Where(i => i!.GetValue<string>() == value).ToList())
        {
            array.Remove(item);
        }
    }

    private static void RemoveNamed(JsonArray array, params string[] names)
    {
        foreach (var item in array.Where(i => names.Contains(i!["name"]!.GetValue<string>())).ToList())
        {
            array.Remove(item);
        }
    }
}
