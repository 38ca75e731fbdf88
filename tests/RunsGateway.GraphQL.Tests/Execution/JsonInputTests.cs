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

    [Fact]
    public void ToJson_ExtensionThatWritesItself_WritesItsOwnJson()
    {
        var extensions = new Dictionary<string, object?> { ["vendors"] = new SelfWritten() };

        var json = ExecutionResult.FromData(new Dictionary<string, object?> { ["x"] = 1 }, extensions: extensions).ToJson();

        json.ShouldBe("""{"data":{"x":1},"extensions":{"vendors":{"written":true}}}""");
    }

    [Fact]
    public void ToJson_ParsedObjectAsExtension_WrittenInOrder()
    {
        var parsed = JsonInput.ParseObject("""{"b": [1, "two"], "a": {"c": null}}""");
        var extensions = new Dictionary<string, object?> { ["echo"] = parsed };

        var json = ExecutionResult.FromData(new Dictionary<string, object?> { ["x"] = 1 }, extensions: extensions).ToJson();

        json.ShouldBe("""{"data":{"x":1},"extensions":{"echo":{"b":[1,"two"],"a":{"c":null}}}}""");
    }

    private sealed class SelfWritten : IJsonWritable
    {
        public void WriteJson(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteBoolean("written", true);
            writer.WriteEndObject();
        }
    }
}

public sealed class JsonInputObjectTests
{
    [Fact]
    public void Parse_DuplicateKey_LastValueWinsAtTheFirstPosition()
    {
        var value = JsonInput.ParseObject("""{"a": 1, "b": 2, "a": 3}""")!;

        value.Keys.ShouldBe(["a", "b"]);
        value["a"].ShouldBe(3L);
        value.Count.ShouldBe(2);
    }

    [Fact]
    public void Parse_ObjectOfManyKeys_KeepsEveryKeyInOrder()
    {
        var keys = Enumerable.Range(0, 20).Select(i => "k" + i).ToList();
        var json = "{" + string.Join(',', keys.Select((k, i) => $"\"{k}\": {i}")) + ", \"k3\": 99}";

        var value = JsonInput.ParseObject(json)!;

        value.Keys.ShouldBe(keys);
        value["k3"].ShouldBe(99L);
        value["k19"].ShouldBe(19L);
        value.ContainsKey("k20").ShouldBeFalse();
    }

    [Fact]
    public void Parse_SameMemberNameTwice_SharesOneString()
    {
        var first = JsonInput.ParseObject("""{"vendorRef": 1}""")!;
        var second = JsonInput.ParseObject("""{"vendorRef": 2}""")!;

        second.Keys.Single().ShouldBeSameAs(first.Keys.Single());
    }

    [Fact]
    public void Parse_EscapedMemberName_Unescaped()
    {
        var value = JsonInput.ParseObject("""{"r\u0075nId": "7"}""")!;

        value["runId"].ShouldBe("7");
    }
}
