using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.Benchmarks.GraphQL;

/// <summary>
/// End-to-end engine benchmarks: request in, UTF-8 JSON out. Documents are cached after the first iteration, so each
/// operation measures a parse-cache hit, a validation-cache hit, execution and JSON writing.
/// </summary>
[MemoryDiagnoser]
public class GraphQLExecutionBenchmarks : IDisposable
{
    private const string Sdl = """
        "Continuous integration runs."
        schema { query: Query }

        type Query {
          "The service name."
          service: String!
          version: String!
          healthy: Boolean!
          runs(first: Int = 100): [Run!]!
          run(id: ID!): Run
          search(text: String!): [SearchResult!]!
        }

        interface Node { id: ID! }

        type Run implements Node {
          id: ID!
          name: String!
          status: RunStatus!
          durationMs: Int
          pipeline: Pipeline!
          tests(status: RunStatus): [TestCase!]!
        }

        type Pipeline implements Node {
          id: ID!
          name: String!
          owner: Team!
        }

        type Team implements Node {
          id: ID!
          name: String!
          slack: String @deprecated(reason: "Use `contact`.")
          contact: String
        }

        type TestCase implements Node {
          id: ID!
          title: String!
          status: RunStatus!
          durationMs: Float
        }

        union SearchResult = Run | Pipeline | Team

        enum RunStatus { QUEUED RUNNING PASSED FAILED CANCELLED @deprecated(reason: "Runs are never cancelled.") }

        input RunFilter { status: RunStatus = PASSED, pipeline: ID, limit: Int = 10 }
        """;

    private const string ThreeFieldQuery = "{ service version healthy }";

    private const string ListQuery = "{ runs { id name status durationMs pipeline { id name owner { id name contact } } } }";

    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name kind }
            mutationType { name kind }
            subscriptionType { name kind }
            types { ...FullType }
            directives {
              name
              description
              isRepeatable
              locations
              args(includeDeprecated: true) { ...InputValue }
            }
          }
        }
        fragment FullType on __Type {
          kind
          name
          description
          specifiedByURL
          fields(includeDeprecated: true) {
            name
            description
            args(includeDeprecated: true) { ...InputValue }
            type { ...TypeRef }
            isDeprecated
            deprecationReason
          }
          inputFields(includeDeprecated: true) { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
          isDeprecated
          deprecationReason
        }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        }
        """;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private RequestExecutor _executor = null!;
    private Utf8JsonWriter _writer = null!;
    private GraphQLRequest _threeFields = null!;
    private GraphQLRequest _list = null!;
    private GraphQLRequest _introspection = null!;

    /// <summary>Builds the schema, the data and the executor, and warms the document cache.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var team = new Dictionary<string, object?> { ["id"] = "t1", ["name"] = "Platform", ["contact"] = "#platform" };
        var pipeline = new Dictionary<string, object?> { ["id"] = "p1", ["name"] = "main", ["owner"] = team };
        var runs = Enumerable.Range(0, 100).Select(i => (object?)new Dictionary<string, object?>
        {
            ["id"] = "r" + i,
            ["name"] = "run " + i,
            ["status"] = i % 7 == 0 ? "FAILED" : "PASSED",
            ["durationMs"] = 1000 + i,
            ["pipeline"] = pipeline,
        }).ToList();

        var schema = SchemaBuilder.FromSdl(Sdl)
            .UseDefaultResolver(static context => new ValueTask<object?>(
                context.Parent is IReadOnlyDictionary<string, object?> map && map.TryGetValue(context.Field.Name, out var value) ? value : null))
            .AddResolver("Query", "service", static _ => "runs-gateway")
            .AddResolver("Query", "version", static _ => "1.0.0")
            .AddResolver("Query", "healthy", static _ => true)
            .AddResolver("Query", "runs", _ => runs)
            .AddTypeResolver("Node", static (_, _) => null)
            .AddTypeResolver("SearchResult", static (_, _) => null)
            .Build();

        _executor = new RequestExecutor(schema);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _threeFields = new GraphQLRequest { Query = ThreeFieldQuery };
        _list = new GraphQLRequest { Query = ListQuery };
        _introspection = new GraphQLRequest { Query = IntrospectionQuery };

        foreach (var request in new[] { _threeFields, _list, _introspection })
        {
            var result = _executor.ExecuteAsync(request).GetAwaiter().GetResult();
            if (result.Errors.Count > 0)
            {
                throw new InvalidOperationException("Benchmark query failed: " + result.Errors[0].Message);
            }
        }
    }

    /// <summary>(a) Three scalar root fields.</summary>
    [Benchmark]
    public Task<int> ThreeFields() => RunAsync(_threeFields);

    /// <summary>(b) Three levels of objects over a list of 100 runs.</summary>
    [Benchmark]
    public Task<int> ThreeLevelsOver100Objects() => RunAsync(_list);

    /// <summary>(c) The standard introspection query.</summary>
    [Benchmark]
    public Task<int> Introspection() => RunAsync(_introspection);

    /// <summary>Releases the JSON writer.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<int> RunAsync(GraphQLRequest request)
    {
        var result = await _executor.ExecuteAsync(request).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        _writer.Reset();
        result.WriteTo(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}
