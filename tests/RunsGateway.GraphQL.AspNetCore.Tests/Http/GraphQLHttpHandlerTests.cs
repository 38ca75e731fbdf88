using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Http;

/// <summary>The status-code and media-type rules of GraphQL over HTTP, against a real Kestrel host on loopback.</summary>
public sealed class GraphQLHttpHandlerTests(GraphQLTestServer server) : IClassFixture<GraphQLTestServer>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string Hello = """{"query":"{ hello }"}""";

    // ----- media type negotiation -----

    [Fact]
    public async Task Post_AcceptGraphQLResponseJson_Answers200InThatMediaTypeWithUtf8()
    {
        var response = await server.PostAsync("/graphql", Hello, accept: GraphQLResponse);

        response.StatusCode.ShouldBe(200);
        response.MediaType.ShouldBe(GraphQLResponse);
        response.ContentType!.CharSet.ShouldBe("utf-8");
        response.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/json, application/graphql-response+json;q=0.9")]
    [InlineData(null)]
    public async Task Post_AcceptPreferringJsonOrAbsent_AnswersApplicationJson(string? accept)
    {
        var response = await server.PostAsync("/graphql", Hello, accept: accept);

        response.StatusCode.ShouldBe(200);
        response.MediaType.ShouldBe(Json);
        response.ContentType!.CharSet.ShouldBe("utf-8");
        response.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
    }

    [Fact]
    public async Task Post_AcceptRecommendedForUnknownServers_PrefersGraphQLResponseJson()
    {
        var response = await server.PostAsync("/graphql", Hello, accept: "application/graphql-response+json, application/json;q=0.9");

        response.MediaType.ShouldBe(GraphQLResponse);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("application/json;q=0")]
    public async Task Post_AcceptMatchingNothing_Answers406(string accept)
    {
        var response = await server.PostAsync("/graphql", Hello, accept: accept);

        response.StatusCode.ShouldBe(406);
        response.MediaType.ShouldBe(Json);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.NotAcceptable);
    }

    // ----- request content type and body -----

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    public async Task Post_JsonWithUtf8Charset_IsAccepted(string contentType)
    {
        var response = await server.PostAsync("/graphql", """{"query":"{ hello(name: \"Zoë 🏃\") }"}""", contentType);

        response.StatusCode.ShouldBe(200);
        response.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, Zoë 🏃!");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Post_UnsupportedOrMissingContentType_Answers415(string? contentType)
    {
        var response = await server.PostAsync("/graphql", Hello, contentType);

        response.StatusCode.ShouldBe(415);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task Post_MalformedJson_Answers400WithEitherMediaType(string accept)
    {
        var response = await server.PostAsync("/graphql", """{ "not a JSON""", accept: accept);

        response.StatusCode.ShouldBe(400);
        response.MediaType.ShouldBe(accept);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.InvalidJson);
        response.Json.TryGetProperty("data", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""["{ hello }"]""")]
    [InlineData("""{"notquery":"{ hello }"}""")]
    [InlineData("""{"query":7}""")]
    [InlineData("""{"query":["{ hello }"]}""")]
    [InlineData("""{"query":"{ hello }","operationName":{"a":1}}""")]
    [InlineData("""{"query":"{ hello }","variables":"{}"}""")]
    [InlineData("""{"query":"{ hello }","variables":[7]}""")]
    [InlineData("""{"query":"{ hello }","extensions":true}""")]
    [InlineData("")]
    public async Task Post_NotAWellFormedGraphQLRequest_Answers400(string body)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var response = await server.PostAsync("/graphql", body, accept: accept);

            response.StatusCode.ShouldBe(400, $"Accept: {accept}");
            response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.BadRequest);
        }
    }

    [Fact]
    public async Task Post_UnknownBodyProperties_AreIgnored()
    {
        var response = await server.PostAsync("/graphql", """{"query":"{ hello }","future":{"x":[1,2]}}""");

        response.StatusCode.ShouldBe(200);
        response.Json.TryGetProperty("errors", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Post_BodyOverDefaultLimitOf1MiB_Answers413()
    {
        var padding = new string(' ', 1024 * 1024);
        var response = await server.PostAsync("/graphql", """{"query":"{ hello }"}""" + padding);

        response.StatusCode.ShouldBe(413);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.RequestTooLarge);
    }

    [Fact]
    public async Task Post_BodyJustUnderDefaultLimit_IsExecuted()
    {
        var body = """{"query":"{ hello }"}""";
        var response = await server.PostAsync("/graphql", body + new string(' ', (1024 * 1024) - body.Length));

        response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverEndpointLimit_Answers413()
    {
        // No Content-Length: the limit must hold while streaming, not only on the header.
        var body = Encoding.UTF8.GetBytes("""{"query":"{ hello }","extensions":{"pad":" """ + new string('x', 2048) + "\"}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql-post-only")
        {
            Content = new StreamContent(new MemoryStream(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        request.Headers.TransferEncodingChunked = true;

        var response = await server.SendAsync(request);

        response.StatusCode.ShouldBe(413);
    }

    // ----- GraphQL outcomes per media type -----

    [Theory]
    [InlineData("""{"query":"{"}""", "GRAPHQL_PARSE_FAILED")]
    [InlineData("""{"query":"{ unknownField }"}""", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("""{"query":"query ($a: Int!, $b: Int!) { add(a: $a, b: $b) }","variables":{"a":"x","b":1}}""", "BAD_USER_INPUT")]
    [InlineData("""{"query":"query A { hello } query B { hello }"}""", null)]
    [InlineData("""{"query":"query A { hello }","operationName":"Missing"}""", null)]
    public async Task Post_RequestError_Is400WithoutDataForGraphQLResponseJsonAnd200ForJson(string body, string? code)
    {
        var modern = await server.PostAsync("/graphql", body, accept: GraphQLResponse);
        var legacy = await server.PostAsync("/graphql", body, accept: Json);

        modern.StatusCode.ShouldBe(400);
        modern.MediaType.ShouldBe(GraphQLResponse);
        modern.Json.TryGetProperty("data", out _).ShouldBeFalse();
        modern.Json.GetProperty("errors").GetArrayLength().ShouldBeGreaterThan(0);
        legacy.StatusCode.ShouldBe(200);
        legacy.MediaType.ShouldBe(Json);
        legacy.Json.TryGetProperty("data", out _).ShouldBeFalse();
        if (code is not null)
        {
            modern.FirstErrorCode.ShouldBe(code);
            legacy.FirstErrorCode.ShouldBe(code);
        }
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task Post_FieldError_Is200WithDataAndErrors(string accept)
    {
        var response = await server.PostAsync("/graphql", """{"query":"{ hello fail }"}""", accept: accept);

        response.StatusCode.ShouldBe(200);
        var json = response.Json;
        json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
        json.GetProperty("data").GetProperty("fail").ValueKind.ShouldBe(JsonValueKind.Null);
        var error = json.GetProperty("errors")[0];
        error.GetProperty("path")[0].GetString().ShouldBe("fail");
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TEST_FAILURE");
    }

    [Fact]
    public async Task Post_OperationNameAndVariables_AreHonoured()
    {
        var response = await server.PostAsync("/graphql", """
            {"query":"query Sum($a: Int!, $b: Int!) { add(a: $a, b: $b) } query Greet($n: String) { hello(name: $n) }",
             "operationName":"Greet","variables":{"n":"Ada"},"extensions":{"tracing":true}}
            """);

        response.StatusCode.ShouldBe(200);
        response.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, Ada!");
        response.Json.GetProperty("data").TryGetProperty("add", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Post_Mutation_IsExecuted()
    {
        var first = await server.PostAsync("/graphql", """{"query":"mutation { increment }"}""");
        var second = await server.PostAsync("/graphql", """{"query":"mutation { increment }"}""");

        first.StatusCode.ShouldBe(200);
        second.Json.GetProperty("data").GetProperty("increment").GetInt32()
            .ShouldBe(first.Json.GetProperty("data").GetProperty("increment").GetInt32() + 1);
    }

    // ----- GET -----

    [Fact]
    public async Task Get_QueryWithVariablesAndOperationName_Answers200()
    {
        var query = Uri.EscapeDataString("query Sum($a: Int!, $b: Int!) { add(a: $a, b: $b) } query Other { hello }");
        var variables = Uri.EscapeDataString("""{"a":40,"b":2}""");

        var response = await server.GetAsync($"/graphql?query={query}&operationName=Sum&variables={variables}");

        response.StatusCode.ShouldBe(200);
        response.MediaType.ShouldBe(GraphQLResponse);
        response.Json.GetProperty("data").GetProperty("add").GetInt32().ShouldBe(42);
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task Get_Mutation_Answers405AllowPostAndDoesNotExecute(string accept)
    {
        var before = server.Probes.Counter;

        var response = await server.GetAsync($"/graphql?query={Uri.EscapeDataString("mutation { increment }")}", accept);

        response.StatusCode.ShouldBe(405);
        response.ContentHeaders.Allow.ShouldBe(["POST"]);
        response.Json.TryGetProperty("data", out _).ShouldBeFalse();
        server.Probes.Counter.ShouldBe(before);
    }

    [Fact]
    public async Task Get_MutationChosenByOperationName_Answers405()
    {
        var document = Uri.EscapeDataString("query Q { hello } mutation M { increment }");

        var query = await server.GetAsync($"/graphql?query={document}&operationName=Q");
        var mutation = await server.GetAsync($"/graphql?query={document}&operationName=M");

        query.StatusCode.ShouldBe(200);
        mutation.StatusCode.ShouldBe(405);
    }

    [Theory]
    [InlineData("/graphql")]
    [InlineData("/graphql?operationName=Q")]
    [InlineData("/graphql?query=%7Bhello%7D&variables=%5B1%5D")]
    [InlineData("/graphql?query=%7Bhello%7D&variables=%7Bnot-json")]
    [InlineData("/graphql?query=%7Bhello%7D&extensions=1")]
    public async Task Get_MalformedParameters_Answers400(string pathAndQuery)
    {
        var response = await server.GetAsync(pathAndQuery);

        response.StatusCode.ShouldBe(400);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.BadRequest);
    }

    [Fact]
    public async Task Get_EndpointWithGetDisabled_Answers405AllowPost()
    {
        var response = await server.GetAsync("/graphql-post-only?query=%7Bhello%7D");

        response.StatusCode.ShouldBe(405);
        response.ContentHeaders.Allow.ShouldBe(["POST"]);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.MethodNotAllowed);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Send_UnsupportedMethod_Answers405WithAllowHeader(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/graphql") { Content = new StringContent(Hello, Encoding.UTF8, Json) };

        var response = await server.SendAsync(request);

        response.StatusCode.ShouldBe(405);
        response.ContentHeaders.Allow.ShouldBe(["GET", "POST"], ignoreOrder: true);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.MethodNotAllowed);
    }

    // ----- what the executor receives -----

    [Fact]
    public async Task Post_Resolver_SeesTheRequestServicesScope()
    {
        var response = await server.PostAsync("/graphql", """{"query":"{ scopeId }"}""");

        var scopeOfRequest = response.Headers.GetValues("X-Scope-Id").Single();
        response.Json.GetProperty("data").GetProperty("scopeId").GetString().ShouldBe(scopeOfRequest);
    }

    [Fact]
    public async Task Post_Resolver_SeesTheHttpContext()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ header(name: \"X-Tenant\") }"}""", Encoding.UTF8, Json),
        };
        request.Headers.Add("X-Tenant", "acme");

        var response = await server.SendAsync(request);

        response.Json.GetProperty("data").GetProperty("header").GetString().ShouldBe("acme");
    }

    [Fact]
    public async Task Post_ClientDisconnects_CancelsTheResolver()
    {
        using var cancel = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ waitForCancellation }"}""", Encoding.UTF8, Json),
        };
        var pending = server.Client.SendAsync(request, cancel.Token);

        await server.Probes.WaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending);
        await server.Probes.WaitCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("{ hello }", true)]
    [InlineData("{ unknownField }", false)]
    public async Task Post_Interceptor_SeedsContextDataAndAddsResponseExtensions(string query, bool hasData)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = query }), Encoding.UTF8, Json),
        };
        request.Headers.Add("X-Intercept", "seen");

        var response = await server.SendAsync(request);

        var extensions = response.Json.GetProperty("extensions");
        extensions.GetProperty("intercepted").GetString().ShouldBe("seen");
        extensions.GetProperty("hadData").GetBoolean().ShouldBe(hasData);
    }
}
