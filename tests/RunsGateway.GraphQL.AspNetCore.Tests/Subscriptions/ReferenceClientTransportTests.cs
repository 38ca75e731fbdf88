using System.Net;
using System.Text.Json;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>Both streaming transports driven by the reference npm clients, graphql-ws and graphql-sse.</summary>
public sealed class ReferenceClientTransportTests(StreamingTestServer server) : IClassFixture<StreamingTestServer>
{
    private static int[] Values(IReadOnlyList<JsonElement> lines, int sub = 0)
        => [.. lines.Of("next", sub).Select(line => line.GetProperty("next").GetProperty("data").EnumerateObject().Single().Value.GetInt32())];

    [Theory]
    [InlineData("ws")]
    [InlineData("sse")]
    public async Task Subscribe_ReferenceClient_ReceivesEveryResultThenComplete(string transport)
    {
        var url = transport == "ws" ? server.WebSocketUrl : server.HttpUrl;

        var lines = await ReferenceClient.RunAsync(transport, url, new { query = "subscription { count(to: 3) }" });

        Values(lines).ShouldBe([1, 2, 3]);
        lines.Of("complete").ShouldHaveSingleItem();
        lines.Of("error").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("sse")]
    public async Task Subscribe_QueryOperation_GivesOneResultThenComplete(string transport)
    {
        var url = transport == "ws" ? server.WebSocketUrl : server.HttpUrl;

        var lines = await ReferenceClient.RunAsync(transport, url, new { query = "{ hello }" });

        lines.Of("next").ShouldHaveSingleItem().GetProperty("next").GetProperty("data").GetProperty("hello").GetString().ShouldBe("world");
        lines.Of("complete").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Subscribe_InvalidDocumentOverWebSocket_ReferenceClientGetsErrorMessage()
    {
        var lines = await ReferenceClient.RunAsync("ws", server.WebSocketUrl, new { query = "subscription { nope }" });

        var errors = lines.Of("error").ShouldHaveSingleItem().GetProperty("error").GetProperty("errors");
        errors[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("GRAPHQL_VALIDATION_FAILED");
        lines.Of("next").ShouldBeEmpty();
    }

    [Fact]
    public async Task Subscribe_InvalidDocumentOverSse_ErrorsArriveAsNextEventThenComplete()
    {
        var lines = await ReferenceClient.RunAsync("sse", server.HttpUrl, new { query = "subscription { nope }" });

        var result = lines.Of("next").ShouldHaveSingleItem().GetProperty("next");
        result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("GRAPHQL_VALIDATION_FAILED");
        lines.Of("complete").ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("sse")]
    public async Task Dispose_ClientLeavesAfterFirstResult_ServerDisposesSourceStream(string transport)
    {
        var url = transport == "ws" ? server.WebSocketUrl : server.HttpUrl;
        var before = server.ForeverDisposed;

        var lines = await ReferenceClient.RunAsync(transport, url, new { query = "subscription { forever }" }, take: 1);
        await server.WaitUntilIdleAsync();

        Values(lines).ShouldBe([1]);
        lines.Of("disposed").ShouldHaveSingleItem();
        server.ForeverDisposed.ShouldBe(before + 1);
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("sse")]
    public async Task Subscribe_SourceStreamFails_LastResultCarriesErrorAndStreamEnds(string transport)
    {
        var url = transport == "ws" ? server.WebSocketUrl : server.HttpUrl;

        var lines = await ReferenceClient.RunAsync(transport, url, new { query = "subscription { broken }" });

        var results = lines.Of("next").ToList();
        results.Count.ShouldBe(2);
        results[1].GetProperty("next").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("INTERNAL_SERVER_ERROR");
        lines.Of("complete").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Subscribe_MoreOperationsThanPerConnectionLimit_ExtraOneGetsLimitError()
    {
        await server.WaitUntilIdleAsync();

        var lines = await ReferenceClient.RunAsync(
            "ws", server.WebSocketUrl, new { query = "subscription { forever }" }, take: 1, subscriptions: StreamingTestServer.MaxPerConnection + 1);

        lines.Count(line => line.TryGetProperty("disposed", out _)).ShouldBe(StreamingTestServer.MaxPerConnection);
        var refused = lines.Where(line => line.TryGetProperty("error", out _)).ShouldHaveSingleItem();
        var extensions = refused.GetProperty("error").GetProperty("errors")[0].GetProperty("extensions");
        extensions.GetProperty("code").GetString().ShouldBe(GraphQLSubscriptionErrorCodes.LimitExceeded);
        extensions.GetProperty("limit").GetString().ShouldBe("perConnection");
    }

    [Fact]
    public async Task Subscribe_MoreSseStreamsThanPerAddressLimit_ExtraOneGetsLimitErrorEvent()
    {
        await server.WaitUntilIdleAsync();
        var open = new List<(HttpResponseMessage Response, StreamReader Reader)>();
        try
        {
            for (var i = 0; i < StreamingTestServer.MaxPerClientAddress; i++)
            {
                var (response, reader) = await OpenEventStreamAsync("subscription { forever }");
                (await ReadEventAsync(reader)).ShouldContain("\"forever\":1");
                open.Add((response, reader));
            }

            var (extraResponse, extraReader) = await OpenEventStreamAsync("subscription { forever }");
            open.Add((extraResponse, extraReader));
            var refused = await ReadEventAsync(extraReader);

            extraResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
            refused.ShouldContain(GraphQLSubscriptionErrorCodes.LimitExceeded);
            refused.ShouldContain("perClientAddress");
            (await ReadEventAsync(extraReader)).ShouldStartWith("event: complete");
        }
        finally
        {
            foreach (var (response, reader) in open)
            {
                reader.Dispose();
                response.Dispose();
            }
        }

        await server.WaitUntilIdleAsync();
        server.Limiter.Total.ShouldBe(0);
    }

    [Fact]
    public async Task EventStream_GetWithQueryString_StreamsSubscription()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("subscription { count(to: 2) }"));
        request.Headers.Add("Accept", "text/event-stream");

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        body.ShouldBe("event: next\ndata: {\"data\":{\"count\":1}}\n\nevent: next\ndata: {\"data\":{\"count\":2}}\n\nevent: complete\ndata:\n\n");
    }

    [Fact]
    public async Task EventStream_MutationOverGet_RefusedInNextEvent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { x }"));
        request.Headers.Add("Accept", "text/event-stream");

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        body.ShouldStartWith("event: next\ndata: {\"errors\":");
        body.ShouldEndWith("event: complete\ndata:\n\n");
    }

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenEventStreamAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Accept", "text/event-stream");
        var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        return (response, reader);
    }

    /// <summary>Reads one SSE event (lines up to a blank line), skipping keep-alive comments.</summary>
    private static async Task<string> ReadEventAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return string.Join('\n', lines);
                }

                continue;
            }

            if (!line.StartsWith(':'))
            {
                lines.Add(line);
            }
        }

        return string.Join('\n', lines);
    }
}
