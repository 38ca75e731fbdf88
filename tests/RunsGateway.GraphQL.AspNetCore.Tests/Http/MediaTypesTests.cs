using Microsoft.Extensions.Primitives;
using RunsGateway.GraphQL.AspNetCore.Http;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Http;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("application/graphql-response+json", "GraphQLResponseJson")]
    [InlineData("application/json", "Json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "GraphQLResponseJson")]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "Json")]
    [InlineData("application/json, application/graphql-response+json", "GraphQLResponseJson")]
    [InlineData("APPLICATION/GRAPHQL-RESPONSE+JSON; charset=utf-8", "GraphQLResponseJson")]
    [InlineData("*/*", "Json")]
    [InlineData("application/*", "Json")]
    [InlineData("application/graphql-response+json, */*;q=0.8", "GraphQLResponseJson")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Json")]
    [InlineData("application/graphql-response+json;q=0, */*", "Json")]
    [InlineData("text/html", "None")]
    [InlineData("application/xml, text/plain", "None")]
    [InlineData("application/json;q=0", "None")]
    [InlineData("*/*;q=0", "None")]
    public void Negotiate_AcceptHeader_PicksMediaType(string accept, string expected)
        => MediaTypes.Negotiate(new StringValues(accept)).ShouldBe(Enum.Parse<ResponseMediaType>(expected));

    [Fact]
    public void Negotiate_NoAcceptHeader_UsesJson()
        => MediaTypes.Negotiate(StringValues.Empty).ShouldBe(ResponseMediaType.Json);

    [Fact]
    public void Negotiate_SeveralHeaderLines_ConsidersAll()
        => MediaTypes.Negotiate(new StringValues(["text/html", "application/graphql-response+json"])).ShouldBe(ResponseMediaType.GraphQLResponseJson);

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON; Charset=\"UTF-8\"", true)]
    [InlineData("application/json; charset=utf-16", false)]
    [InlineData("application/graphql-response+json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSupportedRequestContentType_ContentType_AcceptsOnlyUtf8Json(string? contentType, bool expected)
        => MediaTypes.IsSupportedRequestContentType(contentType).ShouldBe(expected);

    [Theory]
    [InlineData("text/html,application/xhtml+xml,*/*;q=0.8", true)]
    [InlineData("*/*", false)]
    [InlineData("text/html;q=0", false)]
    [InlineData("application/json", false)]
    public void AcceptsHtml_AcceptHeader_DetectsBrowsers(string accept, bool expected)
        => MediaTypes.AcceptsHtml(new StringValues(accept)).ShouldBe(expected);
}
