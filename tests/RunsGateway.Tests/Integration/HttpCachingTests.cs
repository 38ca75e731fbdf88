using System.Net;
using System.Net.Http.Headers;

namespace RunsGateway.Tests.Integration;

/// <summary>GET answers holding only finished runs are cacheable (Cache-Control, ETag, 304); everything else is no-store.</summary>
public sealed class HttpCachingTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> GetAsync(string query, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return _host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Get_FinishedRunsOnly_PublicWithShortestLifetimeAndETagThen304()
    {
        const string query = """{ a: run(vendor: CCEXTRACTOR, runId: "1") { state } b: run(vendor: CREWSHIP, runId: "run_fyhb78zgq") { state } }""";

        using var first = await GetAsync(query);
        var etag = first.Headers.ETag!.ToString();
        using var again = await GetAsync(query, etag);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.CacheControl!.ToString().ShouldBe("public, max-age=3600", "the CCExtractor lifetime (1 h) is shorter than the others' (7 days)");
        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await again.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Get_RunningRun_NoStore()
    {
        var running = (await _host.RunsAsync("crewship", "running"))[0];

        using var response = await GetAsync($$"""{ run(vendor: CREWSHIP, runId: "{{running.RunId}}") { state } }""");

        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.ETag.ShouldBeNull();
    }

    [Fact]
    public async Task Get_AnswerWithError_NoStore()
    {
        using var response = await GetAsync("""{ run(vendor: CCEXTRACTOR, runId: "1") { state } bad: run(vendor: CCEXTRACTOR, runId: "x") { state } }""");

        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Post_FinishedRun_NeverCacheable()
    {
        using var response = await _host.PostAsync("""{ run(vendor: CCEXTRACTOR, runId: "1") { state } }""");

        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.ETag.ShouldBeNull();
    }
}
