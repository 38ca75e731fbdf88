using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Chromium;

/// <summary>
/// Polling for pages that may reload on their own (Banana Cake Pop reloads once when its service worker takes control):
/// an evaluation that fails because the document is being replaced counts as "not yet" instead of failing the test.
/// </summary>
internal static class ChromiumPolling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan EvaluationLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Evaluates <paramref name="expression"/> until it returns a truthy value or <paramref name="timeout"/> passes; returns that value.
    /// The timeout message carries the last value or evaluation error and the page's JavaScript errors.
    /// </summary>
    public static async Task<JsonNode?> PollAsync(
        this ChromiumPage page, HeadlessChromium browser, string expression, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var last = "nothing yet";
        while (true)
        {
            using var evaluation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            evaluation.CancelAfter(EvaluationLimit);
            try
            {
                var value = await page.EvaluateAsync(expression, evaluation.Token);
                if (IsTruthy(value))
                {
                    return value;
                }

                last = "value " + (value?.ToJsonString() ?? "undefined");
            }
            catch (Exception exception) when (exception is InvalidOperationException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The page is navigating (no execution context, or the document has no body yet): poll again.
                last = "error " + exception.Message;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"'{expression}' stayed falsy for {timeout.TotalSeconds:0} s; last {last}; page errors: {string.Join(" | ", browser.PageErrors)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() != 0,
        _ => true,
    };
}
