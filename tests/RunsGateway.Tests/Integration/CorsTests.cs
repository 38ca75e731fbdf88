using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RunsGateway.GraphQL.AspNetCore.Tests.Chromium;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.Tests.Integration;

/// <summary>Browsers on an allowed origin can call <c>/graphql</c>: preflights for POST and GET succeed, other origins get no grant.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CorsTests : IAsyncLifetime
{
    private WebApplication _pageServer = null!;
    private GatewayHost _host = null!;
    private string _pageOrigin = null!;

    public async ValueTask InitializeAsync()
    {
        // A second origin serving the page a frontend would; the gateway allows exactly this origin.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _pageServer = builder.Build();
        _pageServer.MapGet("/", () => Results.Content("<!doctype html><html><body>frontend</body></html>", "text/html"));
        await _pageServer.StartAsync();
        _pageOrigin = _pageServer.Urls.First().TrimEnd('/');
        _host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:CorsOrigins:0"] = _pageOrigin });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _pageServer.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await _host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Preflight_AllowedOrigin_IsGranted(string method)
    {
        using var response = await PreflightAsync(_pageOrigin, method);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([_pageOrigin]);
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")).ShouldContain(method);
    }

    [Fact]
    public async Task Preflight_OtherOrigin_GetsNoGrant()
    {
        using var response = await PreflightAsync("https://evil.example", "POST");

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Post_FromAPageOnTheAllowedOriginInChromium_ReadsTheAnswer()
    {
        var chromium = HeadlessChromium.FindExecutable();
        if (chromium is null)
        {
            ExternalTools.Unavailable("Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH).");
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        var run = (await _host.RunsAsync("crewship", "succeeded"))[0];
        var endpoint = _host.GraphQLEndpoint.ToString();
        var body = System.Text.Json.JsonSerializer.Serialize(new { query = $$"""{ run(vendor: CREWSHIP, runId: "{{run.RunId}}") { runId } }""" });
        await using var browser = await HeadlessChromium.LaunchAsync(chromium!, cancellationToken);
        var page = await browser.OpenPageAsync(_pageOrigin + "/", cancellationToken);
        await page.WaitForAsync("document.body?.innerText === 'frontend'", TimeSpan.FromSeconds(30), cancellationToken);

        // application/json makes this a non-simple request: the browser sends the preflight first and posts only if it is granted.
        await page.EvaluateAsync(
            $$"""
            fetch({{System.Text.Json.JsonSerializer.Serialize(endpoint)}}, { method: 'POST', headers: { 'content-type': 'application/json', 'accept': 'application/graphql-response+json' }, body: {{System.Text.Json.JsonSerializer.Serialize(body)}} })
              .then(r => r.text()).then(t => { window.__answer = t; }, e => { window.__answer = 'failed: ' + e; });
            true
            """,
            cancellationToken);
        var answer = await page.WaitForAsync("window.__answer", TimeSpan.FromSeconds(30), cancellationToken);

        answer!.GetValue<string>().ShouldContain($"\"runId\":\"{run.RunId}\"");
    }
}
