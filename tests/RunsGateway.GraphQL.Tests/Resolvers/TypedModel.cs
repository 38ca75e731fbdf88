using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Resolvers;

namespace RunsGateway.GraphQL.Tests.Resolvers;

/// <summary>The schema and CLR model the typed-API tests bind: every parameter kind, enums, records, lists and DataLoaders.</summary>
internal static class TypedModel
{
    public const string Sdl = """
        scalar DateTime
        scalar Long
        enum Outcome { PASSED FAILED TIMED_OUT }
        input Range { min: Int! max: Int }
        input Search { name: String tags: [String!] outcomes: [Outcome!] range: Range }
        type Query {
          item(id: Int!): Item
          items(search: Search, limit: Int = 10): [Item!]!
          echoOutcome(outcome: Outcome!): Outcome!
          outcomeName(outcome: Outcome): String
          big: Int
          greeting: String!
          path: String!
          cancellable: Boolean!
        }
        type Item { id: Int! name: String! outcome: Outcome! durationMs: Int createdAt: DateTime size: Long label: String! owner: User }
        type User { id: Int! name: String! }
        """;

    public static readonly IReadOnlyList<ItemRecord> Items =
    [
        new(1, "checkout", Outcome.Passed, 1_500, new DateTimeOffset(2026, 6, 10, 16, 2, 19, TimeSpan.Zero), 5_000_000_000, 10, ["ui"]),
        new(2, "login", Outcome.TimedOut, null, null, 7, 20, ["auth", "ui"]),
        new(3, "search", Outcome.Failed, 3_000_000_000, null, 9, 10, []),
    ];
}

public enum Outcome
{
    Passed,
    Failed,
    TimedOut,
}

public sealed record ItemRecord(int Id, string Name, Outcome Outcome, long? DurationMs, DateTimeOffset? CreatedAt, long Size, int OwnerId, IReadOnlyList<string> Tags);

public sealed record UserRecord(int Id, string Name);

public sealed record RangeInput(int Min, int? Max);

public sealed record SearchInput(string? Name, IReadOnlyList<string>? Tags, IReadOnlyList<Outcome>? Outcomes, RangeInput? Range);

public sealed class Greeter
{
    public string Greeting { get; init; } = "hello";
}

/// <summary>Records every batch and every instance, to show batching and one loader per request.</summary>
public sealed class LoaderLog
{
    public List<IReadOnlyList<int>> Batches { get; } = [];

    public int Instances { get; set; }
}

public sealed class UserByIdDataLoader : BatchDataLoader<int, UserRecord>
{
    private readonly LoaderLog _log;

    public UserByIdDataLoader(IBatchScheduler scheduler, LoaderLog log)
        : base(scheduler)
    {
        _log = log;
        lock (log)
        {
            log.Instances++;
        }
    }

    protected override Task<IReadOnlyDictionary<int, Result<UserRecord>>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        lock (_log)
        {
            _log.Batches.Add([.. keys]);
        }

        return Task.FromResult<IReadOnlyDictionary<int, Result<UserRecord>>>(keys.ToDictionary(k => k, k => Result.Success(new UserRecord(k, "user" + k))));
    }
}

[QueryType]
public sealed class TypedQuery
{
    public static ItemRecord? GetItem(int id) => TypedModel.Items.FirstOrDefault(i => i.Id == id);

    public static IReadOnlyList<ItemRecord> GetItems(SearchInput? search, int? limit) =>
    [
        .. TypedModel.Items
            .Where(i => search?.Name is null || i.Name.Contains(search.Name, StringComparison.Ordinal))
            .Where(i => search?.Tags is null || search.Tags.All(i.Tags.Contains))
            .Where(i => search?.Outcomes is null || search.Outcomes.Contains(i.Outcome))
            .Where(i => search?.Range is null || (i.Id >= search.Range.Min && (search.Range.Max is not { } max || i.Id <= max)))
            .Take(limit ?? int.MaxValue),
    ];

    public static Outcome EchoOutcome(Outcome outcome) => outcome;

    public static string? OutcomeName(Outcome? outcome) => outcome?.ToString();

    public static long? GetBig() => 3_000_000_000L;

    public static string Greeting(Greeter greeter) => greeter.Greeting;

    public static string Path(IResolverContext context) => string.Join("/", context.Path);

    public static Task<bool> Cancellable(CancellationToken cancellationToken) => Task.FromResult(cancellationToken.CanBeCanceled);
}

[ExtendObjectType("Item")]
public sealed class ItemResolvers
{
    public static string GetLabel([Parent] ItemRecord item) => $"{item.Name}#{item.Id}";

    public static ValueTask<UserRecord?> GetOwnerAsync([Parent] ItemRecord item, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        users.LoadAsync(item.OwnerId, cancellationToken);
}

/// <summary>A service provider over a fixed set of instances.</summary>
internal sealed class TestServices(params object[] services) : IServiceProvider
{
    public object? GetService(Type serviceType) => services.FirstOrDefault(serviceType.IsInstanceOfType);
}
