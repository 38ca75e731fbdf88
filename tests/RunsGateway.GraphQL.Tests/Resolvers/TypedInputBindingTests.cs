using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Resolvers;

/// <summary>Recursive input objects, list arguments and enum lists through the typed API.</summary>
public sealed class TypedInputBindingTests
{
    private const string Sdl = """
        enum Outcome { PASSED FAILED TIMED_OUT }
        input Condition { and: [Condition!] or: [Condition!] outcome: Outcome minimum: Int }
        type Query {
          matching(where: Condition): [Int!]!
          outcomes(values: [Outcome!]!): [Outcome!]!
          flags(values: [Boolean]!): [Boolean]!
        }
        """;

    private static async Task<string> RunAsync(string query)
    {
        var schema = SchemaBuilder.FromSdl(Sdl).AddResolvers<ConditionQuery>().Build();
        var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest { Query = query }, TestContext.Current.CancellationToken);
        return result.ToJson();
    }

    [Fact]
    public async Task Execute_RecursiveInputObject_BindsNestedAndOrLists()
    {
        var json = await RunAsync("{ matching(where: { or: [{ and: [{ minimum: 3 }, { outcome: FAILED }] }, { outcome: TIMED_OUT }] }) }");

        json.ShouldBe("""{"data":{"matching":[2,3,5]}}""");
    }

    [Fact]
    public async Task Execute_EnumListArgumentAndResult_RoundTrip()
    {
        var json = await RunAsync("{ outcomes(values: [TIMED_OUT, PASSED]) }");

        json.ShouldBe("""{"data":{"outcomes":["PASSED","TIMED_OUT"]}}""");
    }

    [Fact]
    public async Task Execute_ListOfNullableBooleans_BindsToArrayOfNullable()
    {
        var json = await RunAsync("{ flags(values: [true, null, false]) }");

        json.ShouldBe("""{"data":{"flags":[false,null,true]}}""");
    }

    public sealed record Condition(IReadOnlyList<Condition>? And, IReadOnlyList<Condition>? Or, Outcome? Outcome, int? Minimum)
    {
        public bool Matches(int value, Outcome outcome) =>
            (And is null || And.All(c => c.Matches(value, outcome)))
            && (Or is null || Or.Any(c => c.Matches(value, outcome)))
            && (Outcome is null || Outcome == outcome)
            && (Minimum is null || value >= Minimum);
    }

    [QueryType]
    public sealed class ConditionQuery
    {
        private static readonly (int Value, Outcome Outcome)[] Data =
            [(1, Outcome.Passed), (2, Outcome.TimedOut), (3, Outcome.Failed), (4, Outcome.Passed), (5, Outcome.Failed)];

        public static int[] GetMatching(Condition? where) => [.. Data.Where(d => where is null || where.Matches(d.Value, d.Outcome)).Select(d => d.Value)];

        public static IEnumerable<Outcome> GetOutcomes(Outcome[] values) => values.Order();

        public static bool?[] GetFlags(bool?[] values) => [.. values.Reverse()];
    }
}
