using System.Text.Json;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Execution;

public sealed class JsonInputTests
{
    [Fact]
    public void Parse_Numbers_IntegralAsLongOthersAsDouble()
    {
        var value = (IReadOnlyList<object?>)JsonInput.Parse("[1, -9007199254740993, 1.5, 1e3, 1e400]")!;

        value[0].ShouldBe(1L);
        value[1].ShouldBe(-9007199254740993L);
        value[2].ShouldBe(1.5);
        value[3].ShouldBe(1000.0);
        value[4].ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Parse_Object_KeepsKeyOrderAndNesting()
    {
        var value = JsonInput.ParseObject("""{"b": {"x": [true, null]}, "a": "\u00e9"}""")!;

        value.Keys.ShouldBe(["b", "a"]);
        ((IReadOnlyList<object?>)((IReadOnlyDictionary<string, object?>)value["b"]!)["x"]!).ShouldBe([true, null]);
        value["a"].ShouldBe("é");
    }

    [Fact]
    public void Parse_TrailingData_Throws()
    {
        Should.Throw<JsonException>(() => JsonInput.Parse("{} {}"));
    }

    [Fact]
    public void ParseObject_Array_Throws()
    {
        Should.Throw<JsonException>(() => JsonInput.ParseObject("[1]"));
    }

    [Fact]
    public void FromElement_MatchesParse()
    {
        using var document = JsonDocument.Parse("""{"n": 2, "f": 0.5, "l": ["s"]}""");

        var value = (IReadOnlyDictionary<string, object?>)JsonInput.FromElement(document.RootElement)!;

        value["n"].ShouldBe(2L);
        value["f"].ShouldBe(0.5);
        ((IReadOnlyList<object?>)value["l"]!).ShouldBe(["s"]);
    }
}

public sealed class ExecutionResultTests
{
    [Fact]
    public void ToJson_RequestError_HasErrorsWithoutData()
    {
        var result = ExecutionResult.FromError(GraphQLError.WithCode("bad", "SOME_CODE", [new SourceLocation(2, 3)]));

        result.ToJson().ShouldBe("""{"errors":[{"message":"bad","locations":[{"line":2,"column":3}],"extensions":{"code":"SOME_CODE"}}]}""");
        result.IsRequestError.ShouldBeTrue();
    }

    [Fact]
    public void ToJson_NullData_WritesDataNull()
    {
        var result = ExecutionResult.FromData(null, [new GraphQLError("boom", path: ["a", 0, "b"])]);

        result.ToJson().ShouldBe("""{"errors":[{"message":"boom","path":["a",0,"b"]}],"data":null}""");
        result.IsRequestError.ShouldBeFalse();
    }

    [Fact]
    public void ToJson_ExtensionsWithNestedValues_WrittenAsJson()
    {
        var extensions = new Dictionary<string, object?> { ["cost"] = new Dictionary<string, object?> { ["fields"] = 3, ["ratio"] = 0.25, ["tags"] = new[] { "a" } } };

        var json = ExecutionResult.FromData(new Dictionary<string, object?> { ["x"] = 1 }, extensions: extensions).ToJson();

        json.ShouldBe("""{"data":{"x":1},"extensions":{"cost":{"fields":3,"ratio":0.25,"tags":["a"]}}}""");
    }
}
