using System.Text.Json.Nodes;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Chromium;

/// <summary>Opens Banana Cake Pop in headless Chromium and waits until its start screen is up in a document that will not reload.</summary>
internal static class BananaCakePopPage
{
    /// <summary>The IDE's "Create Document" button, or undefined while it is not rendered.</summary>
    public const string CreateDocumentButton =
        "[...document.querySelectorAll('button')].find(button => button.textContent.trim() === 'Create Document')";

    /// <summary>
    /// Runs before the IDE's own scripts in every document: records whether its service worker already controlled the page.
    /// On a first visit the IDE reloads itself once its service worker takes control; a document controlled from the start
    /// will not reload under the test's feet.
    /// </summary>
    private const string RecordControlledAtStart =
        "window.__controlledAtStart = !!(navigator.serviceWorker && navigator.serviceWorker.controller);";

    /// <summary>True once the start screen is up in a document that will not reload itself.</summary>
    private const string StableStartScreen =
        $"(window.__controlledAtStart === true || (performance.now() > 15000 && !navigator.serviceWorker?.controller)) && {CreateDocumentButton} !== undefined";

    public static async Task<ChromiumPage> OpenAsync(HeadlessChromium browser, string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var page = await browser.OpenPageAsync(url, cancellationToken);
        await browser.SendAsync("Page.addScriptToEvaluateOnNewDocument", new JsonObject { ["source"] = RecordControlledAtStart }, page.SessionId, cancellationToken);
        await page.PollAsync(browser, StableStartScreen, timeout, cancellationToken);
        return page;
    }
}
