using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Execution;

public sealed class ContextDataMapTests
{
    [Fact]
    public void TryGetValue_BeforeAnyWrite_ReadsTheRequestsData()
    {
        var initial = new Dictionary<string, object?> { ["hint"] = 1 };
        var map = new ContextDataMap(initial);

        map.TryGetValue("hint", out var value).ShouldBeTrue();

        value.ShouldBe(1);
        map.Count.ShouldBe(1);
        map.ContainsKey("other").ShouldBeFalse();
    }

    [Fact]
    public void Write_AfterReads_CopiesAndLeavesTheRequestsDataAlone()
    {
        var initial = new Dictionary<string, object?> { ["hint"] = 1 };
        var map = new ContextDataMap(initial);

        map["added"] = 2;
        map.Remove("hint").ShouldBeTrue();

        map.ContainsKey("hint").ShouldBeFalse();
        map["added"].ShouldBe(2);
        initial.ShouldHaveSingleItem().Key.ShouldBe("hint", "the transport's dictionary is never written through");
        map.ShouldBe([new KeyValuePair<string, object?>("added", 2)]);
    }

    [Fact]
    public void Add_ExistingKey_Throws()
    {
        var map = new ContextDataMap(new Dictionary<string, object?> { ["hint"] = 1 });

        Should.Throw<ArgumentException>(() => map.Add("hint", 2));
    }

    [Fact]
    public async Task Write_FromManyThreadsAtOnce_KeepsEveryEntry()
    {
        var map = new ContextDataMap(null);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => map["k" + i] = i, TestContext.Current.CancellationToken)));

        map.Count.ShouldBe(64);
        map["k63"].ShouldBe(63);
    }

    [Fact]
    public async Task Execute_ResolverWritesContextData_LaterResolverReadsIt()
    {
        var schema = SchemaBuilder.FromSdl("type Query { first: String, second: String }")
            .AddResolver("Query", "first", context =>
            {
                context.ContextData["seen"] = "by first";
                return new ValueTask<object?>("ok");
            })
            .AddResolver("Query", "second", context => new ValueTask<object?>(context.ContextData.TryGetValue("seen", out var seen) ? seen : "nothing"))
            .Build();
        var request = new GraphQLRequest { Query = "{ first second }", ContextData = new Dictionary<string, object?> { ["hint"] = "h" } };

        var result = await new RequestExecutor(schema).ExecuteAsync(request, TestContext.Current.CancellationToken);

        result.ToJson().ShouldBe("""{"data":{"first":"ok","second":"by first"}}""");
    }
}
