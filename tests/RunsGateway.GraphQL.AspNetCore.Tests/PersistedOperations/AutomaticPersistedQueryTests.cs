using System.Text.Json;
using RunsGateway.GraphQL.AspNetCore.PersistedOperations;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.PersistedOperations;

/// <summary>Automatic persisted queries (Apollo's <c>extensions.persistedQuery</c> protocol) against the default endpoint.</summary>
public sealed class AutomaticPersistedQueryTests(GraphQLTestServer server) : IClassFixture<GraphQLTestServer>
{
    private static string Extensions(string hash, int version = 1) =>
        JsonSerializer.Serialize(new { persistedQuery = new { version, sha256Hash = hash } });

    private static string Body(string? query, string hash, int version = 1) => query is null
        ? $$"""{"extensions":{{Extensions(hash, version)}}}"""
        : $$"""{"query":{{JsonSerializer.Serialize(query)}},"extensions":{{Extensions(hash, version)}}}""";

    [Fact]
    public async Task Post_UnknownHashAlone_AnswersPersistedQueryNotFound()
    {
        var hash = PersistedOperationResolver.HashOf("{ hello(name: \"never sent\") }");

        var response = await server.PostAsync("/graphql", Body(null, hash), accept: "application/json");

        response.StatusCode.ShouldBe(200);
        response.FirstErrorCode.ShouldBe(PersistedOperationErrorCodes.NotFound);
        response.Json.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("PersistedQueryNotFound");
    }

    [Fact]
    public async Task Post_HashWithDocument_StoresItSoTheHashAloneRunsAfterwards()
    {
        const string query = "{ hello(name: \"apq\") }";
        var hash = PersistedOperationResolver.HashOf(query);

        var registered = await server.PostAsync("/graphql", Body(query, hash));
        var byHash = await server.PostAsync("/graphql", Body(null, hash));

        registered.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, apq!");
        byHash.StatusCode.ShouldBe(200);
        byHash.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, apq!");
    }

    [Fact]
    public async Task Get_HashAloneAfterRegistration_RunsSoACdnCanCacheByUrl()
    {
        const string query = "{ hello(name: \"over get\") }";
        var hash = PersistedOperationResolver.HashOf(query);
        await server.PostAsync("/graphql", Body(query, hash));

        var response = await server.GetAsync("/graphql?extensions=" + Uri.EscapeDataString(Extensions(hash)));

        response.StatusCode.ShouldBe(200);
        response.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, over get!");
    }

    [Fact]
    public async Task Post_DocumentWithAnotherDocumentsHash_RefusedWithHashMismatch()
    {
        var hash = PersistedOperationResolver.HashOf("{ hello }");

        var response = await server.PostAsync("/graphql", Body("{ add(a: 1, b: 2) }", hash));

        response.StatusCode.ShouldBe(400);
        response.FirstErrorCode.ShouldBe(PersistedOperationErrorCodes.HashMismatch);
    }

    [Theory]
    [InlineData(2, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(1, "not-a-hash")]
    public async Task Post_MalformedExtension_RefusedWithInvalid(int version, string hash)
    {
        var response = await server.PostAsync("/graphql", Body(null, hash, version));

        response.StatusCode.ShouldBe(400);
        response.FirstErrorCode.ShouldBe(PersistedOperationErrorCodes.Invalid);
    }

    [Fact]
    public async Task Post_NoQueryAndNoPersistedQuery_StillBadRequest()
    {
        var response = await server.PostAsync("/graphql", """{"extensions":{}}""");

        response.StatusCode.ShouldBe(400);
        response.FirstErrorCode.ShouldBe(GraphQLHttpErrorCodes.BadRequest);
    }
}
