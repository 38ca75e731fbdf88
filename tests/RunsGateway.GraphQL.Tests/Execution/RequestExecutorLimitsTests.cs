using System.Text;
using RunsGateway.GraphQL.Execution;
using static RunsGateway.GraphQL.Tests.Execution.TestSchemas;

namespace RunsGateway.GraphQL.Tests.Execution;

/// <summary>Hostile documents within the size limits: output amplification through aliases, costly validation, schema probing.</summary>
public sealed class RequestExecutorLimitsTests
{
    private const string Sdl = """
        type Query { run: Run hero: Character }
        type Run { tests: [Test!]! log: String }
        type Test { name: String! status: Status! }
        type Character { name: String! friends: [Character] }
        enum Status { PASSED FAILED }
        """;

    private static readonly Dictionary<string, object?> Root = Obj(
        ("run", Obj(
            ("tests", Enumerable.Range(0, 1_000).Select(i => (object?)Obj(("name", "test " + i), ("status", "PASSED"))).ToList()),
            ("log", new string('x', 10_000)))),
        ("hero", Obj(("name", "R2-D2"), ("friends", new List<object?>()))));

    private static RequestExecutor CreateExecutor(ExecutionOptions? options = null) => new(Build(Sdl), options);

    private static Task<ExecutionResult> ExecuteAsync(RequestExecutor executor, string query) =>
        executor.ExecuteAsync(new GraphQLRequest { Query = query, RootValue = Root }, TestContext.Current.CancellationToken);

    private static string Aliases(int count, string selection) =>
        "{ run { " + string.Concat(Enumerable.Range(0, count).Select(i => $"a{i}: {selection} ")) + "} }";

    [Fact]
    public async Task ExecuteAsync_IdenticalAliasesOfAListPastMaxResultItems_StopsAtTheFirstListBeforeCompletingItsItems()
    {
        var tests = new CountingList(Enumerable.Range(0, 1_000).Select(i => (object?)Obj(("name", "test " + i), ("status", "PASSED"))));
        var root = Obj(("run", Obj(("tests", tests), ("log", "x"))));
        var executor = CreateExecutor(new ExecutionOptions { MaxResultItems = 50_000 });

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = Aliases(150, "tests { name status }"), RootValue = root }, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ResultTooLarge);
        tests.Reads.ShouldBe(0, "150 aliases of a 1,000-item list are 150,000 items: known when the first list completes, before its items are");
    }

    [Fact]
    public async Task ExecuteAsync_IdenticalAliasesThatFitMaxResultItems_AnswerInFull()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxResultItems = 50_000 });

        var result = await ExecuteAsync(executor, Aliases(50, "tests { name }"));

        result.Errors.ShouldBeEmpty();
        ((IReadOnlyList<object?>)((IReadOnlyDictionary<string, object?>)result.Data!["run"]!)["a49"]!).Count.ShouldBe(1_000);
    }

    /// <summary>A list that counts how many of its items were read.</summary>
    private sealed class CountingList(IEnumerable<object?> items) : System.Collections.ObjectModel.Collection<object?>([.. items]), System.Collections.IList
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        object? System.Collections.IList.this[int index]
        {
            get
            {
                Interlocked.Increment(ref _reads);
                return this[index];
            }

            set => throw new NotSupportedException();
        }
    }

    [Fact]
    public async Task ExecuteAsync_AliasesOfALargeListPastMaxResultItems_ReturnsResultTooLargeWithoutData()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxResultItems = 50_000 });

        var result = await ExecuteAsync(executor, Aliases(150, "tests { name status }"));

        result.Data.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ResultTooLarge);
        result.Errors[0].Message.ShouldContain("50000 list items");
    }

    [Fact]
    public async Task ExecuteAsync_ListItemsWithinMaxResultItems_ReturnsData()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxResultItems = 50_000 });

        var result = await ExecuteAsync(executor, Aliases(50, "tests { name }"));

        result.Errors.ShouldBeEmpty();
        result.Data.ShouldNotBeNull();
    }

    [Fact]
    public async Task ExecuteAsync_AliasesOfALargeStringPastMaxResponseBytes_ReturnsResultTooLarge()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxResponseBytes = 1_000_000 });

        var result = await ExecuteAsync(executor, Aliases(150, "log"));

        result.Data.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ResultTooLarge);
    }

    [Fact]
    public async Task ExecuteAsync_ResultLimitsZero_AreDisabled()
    {
        var executor = CreateExecutor(new ExecutionOptions { MaxResultItems = 0, MaxResponseBytes = 0 });

        var result = await ExecuteAsync(executor, Aliases(150, "log"));

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_SixHundredOverlappingFragments_AbortsValidationAndCachesTheFailure()
    {
        var document = new StringBuilder("{ ");
        for (var i = 0; i < 600; i++)
        {
            document.Append("...F").Append(i).Append(' ');
        }

        document.Append('}');
        for (var i = 0; i < 600; i++)
        {
            document.Append(" fragment F").Append(i).Append(" on Query { hero { name } }");
        }

        var executor = CreateExecutor();

        var first = await ExecuteAsync(executor, document.ToString());
        var cachedAfterFirst = executor.CachedDocumentCount;
        var second = await ExecuteAsync(executor, document.ToString());

        first.Errors.ShouldHaveSingleItem().Message.ShouldContain("Validation aborted");
        first.Errors[0].Code.ShouldBe(ErrorCodes.ValidationFailed);
        cachedAfterFirst.ShouldBe(1, "a failed validation is cached like a successful one");
        second.Errors.ShouldHaveSingleItem().ShouldBeSameAs(first.Errors[0]);
    }

    [Fact]
    public async Task ExecuteAsync_MisspelledFieldWithIntrospectionOff_SuggestsNothing()
    {
        var executor = CreateExecutor(new ExecutionOptions { EnableIntrospection = false });

        var result = await ExecuteAsync(executor, "{ rn }");

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("Cannot query field \"rn\" on type \"Query\".");
        error.Code.ShouldBe(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task ExecuteAsync_MisspelledFieldWithIntrospectionOn_SuggestsTheField()
    {
        var executor = CreateExecutor();

        var result = await ExecuteAsync(executor, "{ rn }");

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Cannot query field \"rn\" on type \"Query\". Did you mean \"run\"?");
    }

    [Fact]
    public async Task ExecuteAsync_MisspelledEnumVariableWithIntrospectionOff_SuggestsNothing()
    {
        var executor = new RequestExecutor(Build("type Query { tests(status: Status): Int } enum Status { PASSED FAILED }"), new ExecutionOptions { EnableIntrospection = false });

        var result = await executor.ExecuteAsync(
            new GraphQLRequest { Query = "query($s: Status) { tests(status: $s) }", Variables = new Dictionary<string, object?> { ["s"] = "PASSD" } },
            TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldNotContain("PASSED");
    }
}
