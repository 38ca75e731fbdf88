using System.Text;
using Microsoft.AspNetCore.Http;
using RunsGateway.GraphQL.AspNetCore.Ide;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Ide;

/// <summary>Banana Cake Pop served on the GraphQL path, from the files embedded by the build.</summary>
public sealed class IdeHandlerTests(GraphQLTestServer server) : IClassFixture<GraphQLTestServer>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    /// <summary>scripts/npm-setup.sh (or the project's build target) embeds the IDE; without npm it cannot.</summary>
    internal static void RequireEmbeddedIde()
    {
        if (!IdeAssets.Embedded.IsInstalled)
        {
            ExternalTools.Unavailable("Banana Cake Pop is not embedded in this build: install Node.js/npm, run scripts/npm-setup.sh, then rebuild.");
        }
    }

    [Fact]
    public void Embedded_Build_ContainsTheIdeAndItsLicense()
    {
        RequireEmbeddedIde();

        IdeAssets.Embedded.TryGet("index.html", out var page).ShouldBeTrue();
        page.ContentType.ShouldBe("text/html; charset=utf-8");
        IdeAssets.Embedded.TryGet("LICENSE", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Get_BrowserOnGraphQLPath_RedirectsToTrailingSlash()
    {
        RequireEmbeddedIde();

        var response = await server.GetAsync("/graphql", BrowserAccept);

        response.StatusCode.ShouldBe(302);
        response.Headers.Location!.OriginalString.ShouldBe("/graphql/");
    }

    [Fact]
    public async Task Get_BrowserOnGraphQLPathWithSlash_ServesBananaCakePop()
    {
        RequireEmbeddedIde();

        var response = await server.GetAsync("/graphql/", BrowserAccept);

        response.StatusCode.ShouldBe(200);
        response.MediaType.ShouldBe("text/html");
        response.Text.ShouldContain("<title>Banana Cake Pop</title>");
        response.Text.ShouldContain("static/js/main.");
        response.Text.ShouldNotContain("cdn", Case.Insensitive);
    }

    [Fact]
    public async Task Get_EveryScriptOfThePage_IsServedAsJavaScript()
    {
        RequireEmbeddedIde();

        var page = (await server.GetAsync("/graphql/", BrowserAccept)).Text;
        var scripts = System.Text.RegularExpressions.Regex.Matches(page, "src=\"(static/js/[^\"]+)\"").Select(match => match.Groups[1].Value).ToList();

        scripts.ShouldNotBeEmpty();
        foreach (var script in scripts)
        {
            var response = await server.GetAsync("/graphql/" + script, "*/*");
            response.StatusCode.ShouldBe(200, script);
            response.MediaType.ShouldBe("text/javascript", script);
            response.ContentHeaders.ContentLength.ShouldBe(response.Body.Length);
            response.Headers.CacheControl!.ToString().ShouldContain("immutable");
        }
    }

    [Fact]
    public async Task Get_Config_PreconfiguresEndpointAndDisablesTelemetry()
    {
        var response = await server.GetAsync("/graphql/" + IdeHandler.ConfigFileName, "*/*");

        response.StatusCode.ShouldBe(200);
        var config = response.Json;
        config.GetProperty("endpoint").GetString().ShouldBe("/graphql");
        config.GetProperty("useBrowserUrlAsEndpoint").GetBoolean().ShouldBeTrue();
        config.GetProperty("disableTelemetry").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Get_License_IsServedWithTheIde()
    {
        RequireEmbeddedIde();

        var response = await server.GetAsync("/graphql/LICENSE", "*/*");

        response.StatusCode.ShouldBe(200);
        response.Text.ShouldContain("ChilliCream License 1.0");
    }

    [Fact]
    public async Task Get_AssetWithCurrentETag_Answers304()
    {
        RequireEmbeddedIde();

        var first = await server.GetAsync("/graphql/favicon.svg", "*/*");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/favicon.svg");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await server.SendAsync(request);

        first.StatusCode.ShouldBe(200);
        second.StatusCode.ShouldBe(304);
        second.Body.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/graphql/missing.js")]
    [InlineData("/graphql/../appsettings.json")]
    [InlineData("/graphql/static/js/../../LICENSE.txt")]
    public async Task Get_UnknownAsset_Answers404(string path)
    {
        var response = await server.GetAsync(path, "*/*");

        response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task Get_BrowserWithQueryParameter_IsAGraphQLRequest()
    {
        var response = await server.GetAsync("/graphql?query=%7Bhello%7D", BrowserAccept);

        response.StatusCode.ShouldBe(200);
        response.MediaType.ShouldBe("application/json");
        response.Json.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
    }

    [Fact]
    public async Task Get_BrowserOnEndpointWithIdeDisabled_GetsGraphQLError()
    {
        var asPage = await server.GetAsync("/graphql-post-only/", BrowserAccept);
        var asFile = await server.GetAsync("/graphql-post-only/index.html", BrowserAccept);

        asPage.StatusCode.ShouldBe(405);
        asFile.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task ServePage_IdeNotInstalled_ExplainsHowToAddIt()
    {
        // An assembly without embedded IDE files stands for a build made without npm.
        var handler = new IdeHandler(new GraphQLHttpOptions(), new IdeAssets(typeof(IdeHandlerTests).Assembly));
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/graphql";
        var body = new MemoryStream();
        context.Response.Body = body;

        await handler.ServePageAsync(context);

        context.Response.StatusCode.ShouldBe(200);
        context.Response.ContentType.ShouldBe("text/html; charset=utf-8");
        var page = Encoding.UTF8.GetString(body.ToArray());
        page.ShouldContain("scripts/npm-setup.sh");
        page.ShouldContain("http://localhost/graphql");
    }
}
