using RunsGateway.GraphQL.AspNetCore.Tests.Chromium;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Ide;

/// <summary>Loads the IDE in headless Chromium and proves it boots against our endpoint.</summary>
public sealed class BananaCakePopBrowserTests : IClassFixture<GraphQLTestServer>
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(45);
    private readonly GraphQLTestServer _server;

    public BananaCakePopBrowserTests(GraphQLTestServer server)
    {
        _server = server;
        _server.RecordBodies = true;
    }

    [Fact]
    public async Task Open_GraphQLPath_RendersIdeThatIntrospectsOurEndpoint()
    {
        var chromium = HeadlessChromium.FindExecutable();
        if (chromium is null)
        {
            ExternalTools.Unavailable("Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH).");
        }

        IdeHandlerTests.RequireEmbeddedIde();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var browser = await HeadlessChromium.LaunchAsync(chromium!, cancellationToken);
        // The IDE's start screen: React has rendered its "Create Document" button in a document that will not reload itself.
        var page = await BananaCakePopPage.OpenAsync(browser, _server.GraphQLUrl.ToString(), RenderTimeout, cancellationToken);
        try
        {
            (await page.EvaluateAsync("location.pathname", cancellationToken))!.GetValue<string>().ShouldBe("/graphql/");
            (await page.EvaluateAsync("document.title", cancellationToken))!.GetValue<string>().ShouldBe("Banana Cake Pop");

            // A new document connects to the preconfigured endpoint and loads the schema by introspection.
            await page.EvaluateAsync(BananaCakePopPage.CreateDocumentButton + ".click()", cancellationToken);
            var introspection = await _server.WaitForRequestAsync(
                request => request.Method == "POST" && request.PathAndQuery == "/graphql" && request.Body?.Contains("__schema", StringComparison.Ordinal) == true,
                RenderTimeout);
            introspection.StatusCode.ShouldBe(200);

            // The schema arrived: the operation builder offers it, and the SDL view shows our fields.
            await page.WaitForAsync("document.body.innerText.includes('No Operations')", RenderTimeout, cancellationToken);
            await page.WaitForAsync(ClickTab("Schema Definition"), RenderTimeout, cancellationToken);
            await page.WaitForAsync(
                "document.body.innerText.includes('waitForCancellation') && document.body.innerText.includes('increment')",
                RenderTimeout,
                cancellationToken);
        }
        catch
        {
            await page.SaveScreenshotAsync(Path.Combine(Path.GetTempPath(), "bananacakepop-failure.png"), cancellationToken);
            throw;
        }

        _server.Requests.ShouldContain(request => request.PathAndQuery == "/graphql/bcp-config.json" && request.StatusCode == 200);
        _server.Requests.ShouldNotContain(request => request.StatusCode >= 500);
    }

    /// <summary>Clicks the innermost element whose text is <paramref name="text"/>; false while it is not rendered.</summary>
    private static string ClickTab(string text) =>
        $"(() => {{ const tab = [...document.querySelectorAll('body *')].find(e => e.childElementCount === 0 && e.textContent.trim() === '{text}'); if (!tab) return false; tab.click(); return true; }})()";
}
