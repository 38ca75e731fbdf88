using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.Benchmarks.GraphQL;

/// <summary>
/// The typed API against hand-written resolvers on the same schema, the same data and the same queries: resolver classes with
/// argument binding (an ID, an enum and an input object converted to a C# record) and a convention-bound runtime type
/// (long → Int, C# enum → GraphQL enum) next to <c>AddResolver</c> lambdas that read the argument dictionary and cast.
/// </summary>
[MemoryDiagnoser]
public class TypedResolverBenchmarks : IDisposable
{
    private const string Sdl = """
        type Query {
          run(id: ID!): Run
          runs(first: Int = 100, status: RunStatus, search: RunSearch): [Run!]!
        }

        type Run { id: ID! name: String! status: RunStatus! durationMs: Int pipeline: Pipeline! }

        type Pipeline { id: ID! name: String! }

        enum RunStatus { PASSED FAILED TIMED_OUT }

        input RunSearch { nameContains: String minDurationMs: Int }
        """;

    private const string OneRunQuery = """{ run(id: "r7") { id name status durationMs } }""";

    private const string ListQuery = """{ runs(first: 50, status: PASSED, search: { minDurationMs: 1010 }) { id name status durationMs pipeline { id name } } }""";

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private RequestExecutor _handWritten = null!;
    private RequestExecutor _typed = null!;
    private Utf8JsonWriter _writer = null!;
    private GraphQLRequest _oneRun = null!;
    private GraphQLRequest _list = null!;

    /// <summary>Builds both schemas over the same data and checks that they answer byte for byte the same.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _handWritten = new RequestExecutor(HandWrittenSchema());
        _typed = new RequestExecutor(SchemaBuilder.FromSdl(Sdl)
            .AddResolvers<BenchQuery>()
            .BindRuntimeType<BenchRun>("Run")
            .BindRuntimeType<BenchPipeline>("Pipeline")
            .Build());
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _oneRun = new GraphQLRequest { Query = OneRunQuery };
        _list = new GraphQLRequest { Query = ListQuery };

        foreach (var request in new[] { _oneRun, _list })
        {
            var handWritten = _handWritten.ExecuteAsync(request).GetAwaiter().GetResult().ToJson();
            var typed = _typed.ExecuteAsync(request).GetAwaiter().GetResult().ToJson();
            if (handWritten != typed || handWritten.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The two schemas disagree:\n{handWritten}\n{typed}");
            }
        }
    }

    /// <summary>(d) One root field with an ID argument, hand-written resolvers.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("OneRun")]
    public Task<int> OneRunHandWritten() => RunAsync(_handWritten, _oneRun);

    /// <summary>(d) One root field with an ID argument, resolver class and runtime type.</summary>
    [Benchmark]
    [BenchmarkCategory("OneRun")]
    public Task<int> OneRunTyped() => RunAsync(_typed, _oneRun);

    /// <summary>(e) A filtered list of 50 runs with an enum and an input-object argument, hand-written resolvers.</summary>
    [Benchmark]
    [BenchmarkCategory("List")]
    public Task<int> FilteredListHandWritten() => RunAsync(_handWritten, _list);

    /// <summary>(e) The same list through a resolver class (arguments bound to a C# enum and record).</summary>
    [Benchmark]
    [BenchmarkCategory("List")]
    public Task<int> FilteredListTyped() => RunAsync(_typed, _list);

    /// <summary>Releases the JSON writer.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static RunsGateway.GraphQL.Types.Schema HandWrittenSchema()
    {
        static FieldResolver Sync<TParent>(Func<TParent, object?> read) => context => new ValueTask<object?>(read((TParent)context.Parent!));

        return SchemaBuilder.FromSdl(Sdl)
            .AddResolver("Query", "run", context => new ValueTask<object?>(BenchData.Find(context.Arguments.GetValueOrDefault("id") as string)))
            .AddResolver("Query", "runs", context =>
            {
                var first = context.Arguments.GetValueOrDefault("first") is int f ? f : 100;
                var status = context.Arguments.GetValueOrDefault("status") as string;
                var search = context.Arguments.GetValueOrDefault("search") as IReadOnlyDictionary<string, object?>;
                var nameContains = search?.GetValueOrDefault("nameContains") as string;
                var minDuration = search?.GetValueOrDefault("minDurationMs") is int m ? m : (int?)null;
                return new ValueTask<object?>(BenchData.Filter(
                    first,
                    status is null ? null : BenchData.ParseStatus(status),
                    nameContains,
                    minDuration));
            })
            .AddResolver("Run", "id", Sync<BenchRun>(r => r.Id))
            .AddResolver("Run", "name", Sync<BenchRun>(r => r.Name))
            .AddResolver("Run", "status", Sync<BenchRun>(r => BenchData.StatusName(r.Status)))
            .AddResolver("Run", "durationMs", Sync<BenchRun>(r => r.DurationMs is { } d && d is >= int.MinValue and <= int.MaxValue ? (int)d : null))
            .AddResolver("Run", "pipeline", Sync<BenchRun>(r => r.Pipeline))
            .AddResolver("Pipeline", "id", Sync<BenchPipeline>(p => p.Id))
            .AddResolver("Pipeline", "name", Sync<BenchPipeline>(p => p.Name))
            .Build();
    }

    private async Task<int> RunAsync(RequestExecutor executor, GraphQLRequest request)
    {
        var result = await executor.ExecuteAsync(request).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        _writer.Reset();
        result.WriteTo(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}

/// <summary>The status of a benchmark run.</summary>
public enum BenchStatus
{
    Passed,
    Failed,
    TimedOut,
}

/// <summary>A benchmark run (64-bit duration, C# enum status).</summary>
public sealed record BenchRun(string Id, string Name, BenchStatus Status, long? DurationMs, BenchPipeline Pipeline);

/// <summary>A benchmark pipeline.</summary>
public sealed record BenchPipeline(string Id, string Name);

/// <summary>The <c>RunSearch</c> input object.</summary>
public sealed record BenchSearch(string? NameContains, int? MinDurationMs);

/// <summary>The typed resolvers of the benchmark schema's root.</summary>
[QueryType]
public sealed class BenchQuery
{
    /// <summary>One run by id.</summary>
    public static BenchRun? GetRun(string id) => BenchData.Find(id);

    /// <summary>A filtered list of runs.</summary>
    public static List<BenchRun> GetRuns(int? first, BenchStatus? status, BenchSearch? search) =>
        BenchData.Filter(first ?? 100, status, search?.NameContains, search?.MinDurationMs);
}

/// <summary>The data both schemas serve.</summary>
internal static class BenchData
{
    private static readonly BenchPipeline Pipeline = new("p1", "main");

    private static readonly List<BenchRun> Runs =
    [
        .. Enumerable.Range(0, 100).Select(i => new BenchRun("r" + i, "run " + i, i % 7 == 0 ? BenchStatus.Failed : BenchStatus.Passed, 1000 + i, Pipeline)),
    ];

    private static readonly Dictionary<string, BenchRun> ById = Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static BenchRun? Find(string? id) => id is not null && ById.TryGetValue(id, out var run) ? run : null;

    public static List<BenchRun> Filter(int first, BenchStatus? status, string? nameContains, int? minDuration)
    {
        var result = new List<BenchRun>(Math.Min(first, Runs.Count));
        foreach (var run in Runs)
        {
            if (result.Count == first)
            {
                break;
            }

            if ((status is null || run.Status == status)
                && (nameContains is null || run.Name.Contains(nameContains, StringComparison.Ordinal))
                && (minDuration is null || run.DurationMs >= minDuration))
            {
                result.Add(run);
            }
        }

        return result;
    }

    public static string StatusName(BenchStatus status) => status switch
    {
        BenchStatus.Passed => "PASSED",
        BenchStatus.Failed => "FAILED",
        _ => "TIMED_OUT",
    };

    public static BenchStatus ParseStatus(string name) => name switch
    {
        "PASSED" => BenchStatus.Passed,
        "FAILED" => BenchStatus.Failed,
        _ => BenchStatus.TimedOut,
    };
}
