using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using RunsGateway.GraphQL.AspNetCore.Http;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Http;

public sealed class GraphQLRequestParserTests
{
    private static GraphQLRequestParameters Parse(string json, out TransportError? error)
        => GraphQLRequestParser.ParseBody(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out error);

    private static GraphQLRequestParameters ParseQuery(string queryString, out TransportError? error)
        => GraphQLRequestParser.ParseQueryString(new QueryCollection(QueryHelpers.ParseQuery(queryString)), out error);

    [Fact]
    public void ParseBody_AllParameters_ReadsRuntimeValues()
    {
        var parameters = Parse("""
            {"query":"query Q($n: Int) { a }","operationName":"Q","unknown":[1,{"x":2}],
             "variables":{"n":1,"big":9007199254740993,"f":1.5,"list":[true,null,"s"],"obj":{"k":"v"}},
             "extensions":{"persistedQuery":{"version":1}}}
            """, out var error);

        error.ShouldBeNull();
        parameters.Query.ShouldBe("query Q($n: Int) { a }");
        parameters.OperationName.ShouldBe("Q");
        parameters.Variables.ShouldNotBeNull();
        parameters.Variables["n"].ShouldBe(1L);
        parameters.Variables["big"].ShouldBe(9007199254740993L);
        parameters.Variables["f"].ShouldBe(1.5d);
        parameters.Variables["list"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!.ShouldBe([true, null, "s"]);
        parameters.Variables["obj"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["k"].ShouldBe("v");
        parameters.Extensions!["persistedQuery"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["version"].ShouldBe(1L);
    }

    [Fact]
    public void ParseBody_NullOptionalParameters_AreAbsent()
    {
        var parameters = Parse("""{"query":"{ a }","operationName":null,"variables":null,"extensions":null}""", out var error);

        error.ShouldBeNull();
        parameters.OperationName.ShouldBeNull();
        parameters.Variables.ShouldBeNull();
        parameters.Extensions.ShouldBeNull();
    }

    [Fact]
    public void ParseBody_ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"query":"{ a }"}""")).ToArray();

        var parameters = GraphQLRequestParser.ParseBody(new ReadOnlySequence<byte>(bytes), out var error);

        error.ShouldBeNull();
        parameters.Query.ShouldBe("{ a }");
    }

    [Theory]
    [InlineData("""{ "not a JSON""", "INVALID_JSON")]
    [InlineData("""{"query":"{ a }"} trailing""", "INVALID_JSON")]
    [InlineData("""{"query":"{ a }",}""", "INVALID_JSON")]
    [InlineData("""[{"query":"{ a }"}]""", "BAD_REQUEST")]
    [InlineData("\"{ a }\"", "BAD_REQUEST")]
    [InlineData("""{"notquery":"{ a }"}""", "BAD_REQUEST")]
    [InlineData("""{"query":null}""", "BAD_REQUEST")]
    [InlineData("""{"query":1}""", "BAD_REQUEST")]
    [InlineData("""{"query":{"a":1}}""", "BAD_REQUEST")]
    [InlineData("""{"query":"{ a }","operationName":false}""", "BAD_REQUEST")]
    [InlineData("""{"query":"{ a }","variables":"{}"}""", "BAD_REQUEST")]
    [InlineData("""{"query":"{ a }","variables":[1]}""", "BAD_REQUEST")]
    [InlineData("""{"query":"{ a }","extensions":7}""", "BAD_REQUEST")]
    [InlineData("", "BAD_REQUEST")]
    [InlineData("   ", "INVALID_JSON")]
    public void ParseBody_MalformedRequest_Returns400Error(string body, string expectedCode)
    {
        _ = Parse(body, out var error);

        error.ShouldNotBeNull();
        error.StatusCode.ShouldBe(400);
        error.Code.ShouldBe(expectedCode);
    }

    [Fact]
    public void ParseBody_MistypedParameter_NamesIt()
    {
        _ = Parse("""{"query":"{ a }","variables":[7]}""", out var error);

        error!.Message.ShouldContain("'variables'");
        error.Message.ShouldContain("an array");
    }

    [Fact]
    public void ParseQueryString_AllParameters_ReadsThem()
    {
        var parameters = ParseQuery("?query=query+Q(%24n%3A+Int)%7Ba%7D&operationName=Q&variables=%7B%22n%22%3A3%7D&extensions=%7B%22e%22%3Atrue%7D", out var error);

        error.ShouldBeNull();
        parameters.Query.ShouldBe("query Q($n: Int){a}");
        parameters.OperationName.ShouldBe("Q");
        parameters.Variables!["n"].ShouldBe(3L);
        parameters.Extensions!["e"].ShouldBe(true);
    }

    [Fact]
    public void ParseQueryString_EmptyOptionalParameters_AreAbsent()
    {
        var parameters = ParseQuery("?query=%7Ba%7D&operationName=&variables=&extensions=", out var error);

        error.ShouldBeNull();
        parameters.OperationName.ShouldBeNull();
        parameters.Variables.ShouldBeNull();
        parameters.Extensions.ShouldBeNull();
    }

    [Theory]
    [InlineData("?operationName=Q")]
    [InlineData("?query=")]
    [InlineData("?query=%7Ba%7D&query=%7Bb%7D")]
    [InlineData("?query=%7Ba%7D&variables=%5B1%5D")]
    [InlineData("?query=%7Ba%7D&variables=not-json")]
    [InlineData("?query=%7Ba%7D&extensions=%22x%22")]
    public void ParseQueryString_MalformedRequest_Returns400Error(string queryString)
    {
        _ = ParseQuery(queryString, out var error);

        error.ShouldNotBeNull();
        error.StatusCode.ShouldBe(400);
    }
}
