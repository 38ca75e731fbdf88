using System.Runtime.ExceptionServices;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Resolvers;

/// <summary>
/// A resolver that fails without throwing (a faulted task, as a request budget does for hundreds of aliases at once) becomes a field
/// error like a thrown one, and the executor does not rethrow it to read it.
/// </summary>
public sealed class FaultedResolverTests
{
    private const string Sdl = "type Query { limited(n: Int!): Int item(n: Int!): Int! }";

    private static async Task<(string Json, int Thrown)> RunCountingThrowsAsync(string query)
    {
        var schema = SchemaBuilder.FromSdl(Sdl).AddResolvers<LimitedQuery>().Build();
        var thrown = 0;
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            // Process-wide: count only this test's own errors (other tests may throw meanwhile).
            if (e.Exception is GraphQLException { Message: LimitedQuery.Refused })
            {
                Interlocked.Increment(ref thrown);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest { Query = query }, TestContext.Current.CancellationToken);
            return (result.ToJson(), Volatile.Read(ref thrown));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }
    }

    [Fact]
    public async Task Execute_ManyAliasesOfAResolverReturningAFaultedTask_RecordsEachErrorWithoutAThrow()
    {
        var aliases = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"a{i}: limited(n: {i})"));

        var (json, thrown) = await RunCountingThrowsAsync("{ " + aliases + " }");

        thrown.ShouldBe(0);
        json.ShouldContain("\"a0\":0");
        json.ShouldContain("\"a99\":99");
        json.ShouldContain("\"a100\":null");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var errors = document.RootElement.GetProperty("errors").EnumerateArray().ToList();
        errors.Count.ShouldBe(100);
        errors.ShouldContain(e => e.GetProperty("message").GetString() == "refused" && e.GetProperty("path")[0].GetString() == "a150");
    }

    [Fact]
    public async Task Execute_NonNullFieldWhoseResolverReturnsAFaultedTask_PropagatesNullToTheParent()
    {
        var (json, thrown) = await RunCountingThrowsAsync("{ ok: limited(n: 1) item(n: 500) }");

        thrown.ShouldBe(0);
        json.ShouldStartWith("""{"errors":[{"message":"refused",""");
        json.ShouldEndWith("\"data\":null}");
    }

    [QueryType]
    public sealed class LimitedQuery
    {
        public const string Refused = "refused";

        // Values below 100 succeed; the rest fail as a faulted task, never thrown.
        public static ValueTask<int?> GetLimited(int n) =>
            n < 100 ? ValueTask.FromResult<int?>(n) : ValueTask.FromException<int?>(new GraphQLException(Refused));

        public static ValueTask<int> GetItem(int n) =>
            n < 100 ? ValueTask.FromResult(n) : ValueTask.FromException<int>(new GraphQLException(Refused));
    }
}
