using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RunsGateway.GraphQL.AspNetCore.Tests.Chromium;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// A real headless Chromium opens the gateway's <c>/graphql</c> like a frontend engineer would: Banana Cake Pop renders,
/// loads our schema, runs a query against the gateway and shows the vendor's data, and shows a subscription's events.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserTests(BrowserGatewayFixture gateway, ITestOutputHelper output) : IClassFixture<BrowserGatewayFixture>
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(40);

    /// <summary>The page's rendered text with Monaco's non-breaking spaces made plain.</summary>
    private const string PageText = "(document.body?.innerText ?? '').replace(/\\u00a0/g, ' ')";

    /// <summary>The text of the first Monaco editor on the page, the operation editor.</summary>
    private const string OperationEditorText = "(document.querySelector('.monaco-editor')?.innerText ?? '').replace(/\\u00a0/g, ' ')";

    [Fact]
    public async Task Open_GraphQLInChromium_BananaCakePopRunsAQueryAndShowsTheData()
    {
        var chromium = await RequireChromiumAndIdeAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        var run = (await gateway.Host.RunsAsync("crewship", "succeeded"))[0];
        await gateway.Host.ResetStatsAsync();
        var query = $$"""{ run(vendor: CREWSHIP, runId: "{{run.RunId}}") { runId rawStatus isFinished } }""";

        await using var browser = await HeadlessChromium.LaunchAsync(chromium, cancellationToken);
        var page = await BananaCakePopPage.OpenAsync(browser, gateway.GraphQLUrl, RenderTimeout, cancellationToken);
        try
        {
            (await page.EvaluateAsync("location.pathname", cancellationToken))!.GetValue<string>().ShouldBe("/graphql/");
            (await page.EvaluateAsync("document.title", cancellationToken))!.GetValue<string>().ShouldBe("Banana Cake Pop");
            await OpenDocumentAsync(browser, page, query, cancellationToken);

            var shown = await RunUntilShownAsync(
                browser, page, query, $$"""text.includes('"rawStatus": "{{run.Status}}"') && text.includes('"runId": "{{run.RunId}}"')""", cancellationToken);
            shown.ShouldContain("\"isFinished\": true");
        }
        catch
        {
            await ReportFailureAsync(page, "gateway-bananacakepop-failure.png", cancellationToken);
            throw;
        }

        (await gateway.Host.StatsAsync("crewship")).Where(p => p.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(p => p.Value)
            .ShouldBeGreaterThan(0, "the IDE's query reached the vendor through the gateway");
    }

    [Fact]
    public async Task Open_SubscriptionTypedIntoBananaCakePop_ShowsEventsOfTheRunningRun()
    {
        var chromium = await RequireChromiumAndIdeAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        var run = (await gateway.Host.RunsAsync("crewship", "running"))[0];
        var subscription = $$"""subscription { runChanged(vendor: CREWSHIP, runId: "{{run.RunId}}") { runId state rawStatus } }""";

        await using var browser = await HeadlessChromium.LaunchAsync(chromium, cancellationToken);
        var page = await BananaCakePopPage.OpenAsync(browser, gateway.GraphQLUrl, RenderTimeout, cancellationToken);
        try
        {
            await OpenDocumentAsync(browser, page, subscription, cancellationToken);
            await RunUntilShownAsync(browser, page, subscription, """text.includes('"state": "RUNNING"')""", cancellationToken);

            // The run finishes on the simulator's clock; the gateway's next poll pushes the change to the IDE, whose response
            // pane counts the subscription's events and shows the latest.
            gateway.SimulatorClock.Advance(TimeSpan.FromHours(3));
            var shown = await page.PollAsync(
                browser,
                $$"""
                (() => {
                  const text = {{PageText}};
                  const events = /(\d+)\s+events/.exec(text);
                  return events && Number(events[1]) >= 2 && text.includes('"state": "FINISHED"') ? text : '';
                })()
                """,
                RenderTimeout,
                cancellationToken);
            shown!.GetValue<string>().ShouldContain($"\"runId\": \"{run.RunId}\"");
        }
        catch
        {
            await ReportFailureAsync(page, "gateway-bananacakepop-subscription-failure.png", cancellationToken);
            throw;
        }

        // With its default "auto" protocol the IDE offers both WebSocket sub-protocols and the gateway picks graphql-transport-ws.
        gateway.WebSocketConnections.ShouldContain(protocols => protocols.Split(',', StringSplitOptions.TrimEntries).Contains("graphql-transport-ws"));
    }

    /// <summary>The Chromium executable; skips (or fails under CI) without Chromium or without the embedded IDE.</summary>
    private async Task<string> RequireChromiumAndIdeAsync()
    {
        var chromium = HeadlessChromium.FindExecutable();
        if (chromium is null)
        {
            ExternalTools.Unavailable("Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH).");
        }

        await RequireIdeAsync();
        return chromium!;
    }

    /// <summary>Creates a document, waits until it has introspected the gateway (status bar), and types the operation into it.</summary>
    private static async Task OpenDocumentAsync(HeadlessChromium browser, ChromiumPage page, string operation, CancellationToken cancellationToken)
    {
        await page.EvaluateAsync(BananaCakePopPage.CreateDocumentButton + ".click()", cancellationToken);
        await page.PollAsync(
            browser, $"document.querySelector('.monaco-editor textarea') !== null && {PageText}.includes('Schema available')", RenderTimeout, cancellationToken);
        await TypeIntoOperationEditorAsync(browser, page, operation, cancellationToken);
        await page.PollAsync(browser, $"{OperationEditorText}.includes({JsonValue.Create(operation).ToJsonString()})", RenderTimeout, cancellationToken);
    }

    /// <summary>
    /// Clicks Run until <paramref name="shown"/> (JavaScript over the page's <c>text</c>) holds; returns the page's text. The IDE
    /// takes the editor's text into its document state after a debounce, so a Run clicked at once may send nothing: Run is
    /// clicked again every few seconds until the response pane shows the gateway's answer. On a loaded machine the IDE has been
    /// seen to reset a new document's editor after the text was typed; the operation is typed again whenever it is gone.
    /// </summary>
    private static async Task<string> RunUntilShownAsync(HeadlessChromium browser, ChromiumPage page, string operation, string shown, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(RenderTimeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        var holdsOperation = $"{OperationEditorText}.includes({JsonValue.Create(operation).ToJsonString()})";
        while (true)
        {
            if ((await page.EvaluateAsync(holdsOperation, cancellationToken))?.GetValue<bool>() != true)
            {
                await TypeIntoOperationEditorAsync(browser, page, operation, cancellationToken);
            }

            var last = TimeProvider.System.GetTimestamp() >= deadline;
            try
            {
                var text = await page.PollAsync(
                    browser,
                    $$"""
                    (() => {
                      const text = {{PageText}};
                      if ({{shown}}) return text;
                      if (!({{holdsOperation}})) return '';
                      if (!window.__lastRun || Date.now() - window.__lastRun > 3000) { window.__lastRun = Date.now(); {{ClickButton("Run")}}; }
                      return '';
                    })()
                    """,
                    last ? RenderTimeout : TimeSpan.FromSeconds(10),
                    cancellationToken);
                return text!.GetValue<string>();
            }
            catch (TimeoutException) when (!last)
            {
                // Looked again below: the operation may have been reset out of the editor.
            }
        }
    }

    private async Task ReportFailureAsync(ChromiumPage page, string screenshotName, CancellationToken cancellationToken)
    {
        var screenshot = Path.Combine(Path.GetTempPath(), screenshotName);
        await page.SaveScreenshotAsync(screenshot, cancellationToken);
        output.WriteLine($"Screenshot: {screenshot}");
        output.WriteLine("Page text: " + (await page.EvaluateAsync(PageText, cancellationToken))?.ToString());
    }

    /// <summary>Fails under CI and skips elsewhere when the build embedded no IDE (scripts/npm-setup.sh was not run).</summary>
    private async Task RequireIdeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await gateway.Host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (!html.Contains("<title>Banana Cake Pop</title>", StringComparison.Ordinal))
        {
            ExternalTools.Unavailable(
                $"The gateway serves no Banana Cake Pop at /graphql/ (HTTP {(int)response.StatusCode}): its static files are missing. " +
                "Install Node.js/npm, run scripts/npm-setup.sh, then rebuild.");
        }
    }

    /// <summary>Replaces the operation editor's text the way a user does: focus, select all, type.</summary>
    private static async Task TypeIntoOperationEditorAsync(HeadlessChromium browser, ChromiumPage page, string text, CancellationToken cancellationToken)
    {
        await page.EvaluateAsync("document.querySelector('.monaco-editor textarea').focus()", cancellationToken);
        foreach (var type in new[] { "rawKeyDown", "keyUp" })
        {
            await browser.SendAsync(
                "Input.dispatchKeyEvent",
                new JsonObject { ["type"] = type, ["modifiers"] = 2, ["key"] = "a", ["code"] = "KeyA", ["windowsVirtualKeyCode"] = 65, ["commands"] = new JsonArray("selectAll") },
                page.SessionId,
                cancellationToken);
        }

        await browser.SendAsync("Input.insertText", new JsonObject { ["text"] = text }, page.SessionId, cancellationToken);
    }

    /// <summary>Clicks the button whose text is <paramref name="text"/>; false while it is not rendered or disabled.</summary>
    private static string ClickButton(string text) =>
        $"(() => {{ const b = [...document.querySelectorAll('button')].find(e => e.textContent.trim() === '{text}' && !e.disabled); if (!b) return false; b.click(); return true; }})()";
}
