using System.Text.Json;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Conformance;

/// <summary>The execution suites of every corpus directory, loaded once.</summary>
public static class ExecutionCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, Suite>> Suites = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, (Suite Suite, JsonElement Case)>> Cases = new(IndexCases);

    /// <summary>Every suite by id (corpus prefix + suite name).</summary>
    public static IReadOnlyDictionary<string, Suite> All => Suites.Value;

    /// <summary>Every case id (corpus prefix + suite + "/" + case id).</summary>
    public static IEnumerable<string> CaseIds => Cases.Value.Keys;

    /// <summary>The case with id <paramref name="id"/> and its suite.</summary>
    public static (Suite Suite, JsonElement Case) GetCase(string id) => Cases.Value[id];

    private static Dictionary<string, Suite> Load()
    {
        var suites = new Dictionary<string, Suite>(StringComparer.Ordinal);
        foreach (var corpus in CorpusLocator.Directories())
        {
            var executionDirectory = Path.Combine(corpus, "execution");
            if (!Directory.Exists(executionDirectory))
            {
                continue;
            }

            foreach (var directory in Directory.GetDirectories(executionDirectory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                var id = CorpusLocator.CasePrefix(corpus) + name;
                suites[id] = new Suite(id, corpus, name, directory);
            }
        }

        return suites;
    }

    private static Dictionary<string, (Suite, JsonElement)> IndexCases()
    {
        var cases = new Dictionary<string, (Suite, JsonElement)>(StringComparer.Ordinal);
        foreach (var suite in All.Values)
        {
            foreach (var line in File.ReadLines(Path.Combine(suite.Directory, "cases.jsonl")))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var element = JsonDocument.Parse(line).RootElement;
                cases[suite.Id + "/" + element.GetProperty("id").GetString()] = (suite, element);
            }
        }

        return cases;
    }

    /// <summary>One execution suite: schema, fixture and an executor over them.</summary>
    public sealed class Suite
    {
        private readonly Lazy<(Schema Schema, RequestExecutor Executor, object? Root)> _built;

        internal Suite(string id, string corpus, string name, string directory)
        {
            Id = id;
            Corpus = corpus;
            Name = name;
            Directory = directory;
            _built = new(() =>
            {
                var schema = FixtureResolver.BuildSchema(File.ReadAllText(Path.Combine(directory, "schema.graphql")));
                var root = JsonInput.Parse(File.ReadAllText(Path.Combine(directory, "root.json")));
                return (schema, new RequestExecutor(schema), root);
            });
        }

        /// <summary>The suite id (corpus prefix + name).</summary>
        public string Id { get; }

        /// <summary>The corpus directory.</summary>
        public string Corpus { get; }

        /// <summary>The suite name.</summary>
        public string Name { get; }

        /// <summary>The suite directory.</summary>
        public string Directory { get; }

        /// <summary>The schema with fixture resolvers.</summary>
        public Schema Schema => _built.Value.Schema;

        /// <summary>An executor over the schema.</summary>
        public RequestExecutor Executor => _built.Value.Executor;

        /// <summary>The fixture root value.</summary>
        public object? Root => _built.Value.Root;
    }
}
