using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Tests.Execution;
using static RunsGateway.GraphQL.Tests.Execution.TestSchemas;

namespace RunsGateway.GraphQL.Tests.DataLoading;

/// <summary>DataLoader batching driven by the executor: one batch per level of the query.</summary>
public sealed class DataLoaderExecutionTests
{
    private const string Sdl = """
        type Query { items: [Item!]! }
        type Item { id: Int! owner: User buyer: User }
        type User { id: Int! name: String manager: User }
        """;

    private readonly List<IReadOnlyList<int>> _batches = [];

    private RequestExecutor CreateExecutor(int itemCount, bool asyncBatch = false, HashSet<int>? failing = null)
    {
        var items = Enumerable.Range(0, itemCount).Select(i => (object?)Obj(("id", i))).ToList();
        return new RequestExecutor(Build(Sdl, builder => builder
            .AddResolver("Query", "items", _ => items)
            .AddResolver("Item", "owner", ctx => LoadUser(ctx, (int)((IReadOnlyDictionary<string, object?>)ctx.Parent!)["id"]! % 10))
            .AddResolver("Item", "buyer", ctx => LoadUser(ctx, (int)((IReadOnlyDictionary<string, object?>)ctx.Parent!)["id"]! % 10))
            .AddResolver("User", "manager", ctx => LoadUser(ctx, 100 + (int)((IReadOnlyDictionary<string, object?>)ctx.Parent!)["id"]!))));

        async ValueTask<object?> LoadUser(IResolverContext context, int id)
        {
            var loader = context.DataLoaders.GetOrCreate<int, IReadOnlyDictionary<string, object?>>("users", async (keys, ct) =>
            {
                lock (_batches)
                {
                    _batches.Add([.. keys]);
                }

                if (asyncBatch)
                {
                    await Task.Yield();
                }

                return keys.ToDictionary(
                    k => k,
                    k => failing?.Contains(k) == true
                        ? new Result<IReadOnlyDictionary<string, object?>>(new GraphQLException($"user {k} unavailable"))
                        : new Result<IReadOnlyDictionary<string, object?>>(Obj(("id", k), ("name", "user" + k))));
            });
            return await loader.LoadAsync(id, context.CancellationToken);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Execute_HundredItemsLoadingOwners_CallsBatchFunctionOnce(bool asyncBatch)
    {
        var executor = CreateExecutor(100, asyncBatch);

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ items { id owner { name } } }" }, TestContext.Current.CancellationToken);

        result.Errors.ShouldBeEmpty();
        _batches.ShouldHaveSingleItem().ShouldBe(Enumerable.Range(0, 10));
        var items = (IReadOnlyList<object?>)result.Data!["items"]!;
        items.Count.ShouldBe(100);
        ((IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)items[42]!)["owner"]!)["name"].ShouldBe("user2");
    }

    [Fact]
    public async Task Execute_SiblingFieldsLoadingSameKey_LoadKeyOnce()
    {
        var executor = CreateExecutor(1);

        var json = await executor.RunAsync("{ items { owner { name } buyer { name } } }");

        json.ShouldBe("""{"data":{"items":[{"owner":{"name":"user0"},"buyer":{"name":"user0"}}]}}""");
        _batches.ShouldHaveSingleItem().ShouldBe([0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Execute_TwoLevelsOfLoads_OneBatchPerLevel(bool asyncBatch)
    {
        var executor = CreateExecutor(20, asyncBatch);

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ items { owner { manager { name } } } }" }, TestContext.Current.CancellationToken);

        result.Errors.ShouldBeEmpty();
        _batches.Count.ShouldBe(2);
        _batches[0].ShouldBe(Enumerable.Range(0, 10));
        _batches[1].ShouldBe(Enumerable.Range(100, 10));
    }

    [Fact]
    public async Task Execute_KeyFailsInBatch_ErrorAtEveryFieldThatLoadedIt()
    {
        var executor = CreateExecutor(12, failing: [1]);

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ items { owner { name } } }" }, TestContext.Current.CancellationToken);

        result.Errors.Select(e => e.Path).ShouldBe([["items", 1, "owner"], ["items", 11, "owner"]], ignoreOrder: true);
        result.Errors.ShouldAllBe(e => e.Message == "user 1 unavailable");
        _batches.Count.ShouldBe(1);
    }
}
