using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Chromium;

/// <summary>
/// Drives a headless Chromium over the DevTools protocol (CDP) with <see cref="ClientWebSocket"/>: launch it with a
/// fresh profile, open a page, evaluate JavaScript, wait for a condition, take a screenshot. Self-contained so other
/// test projects can copy it as is.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly Process _process;
    private readonly string _profileDirectory;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _receiveLoop;
    private int _nextId;

    private HeadlessChromium(Process process, string profileDirectory)
    {
        _process = process;
        _profileDirectory = profileDirectory;
    }

    /// <summary>JavaScript exceptions and console errors reported by pages so far (for failure messages).</summary>
    public IReadOnlyCollection<string> PageErrors => _pageErrors;

    /// <summary>The Chromium executable: <c>CHROMIUM_PATH</c>, else the first of the usual paths that exists, else null.</summary>
    public static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Starts Chromium headless with a new temporary profile and connects to its DevTools endpoint.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(string executable, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,800", $"--user-data-dir={profile}",
                     "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr once it is ready.
            var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    endpoint.TrySetException(new InvalidOperationException($"Chromium exited before DevTools was ready:\n{stderr}"));
                    return;
                }

                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }

                var index = e.Data.IndexOf("ws://", StringComparison.Ordinal);
                if (e.Data.StartsWith("DevTools listening on", StringComparison.Ordinal) && index >= 0)
                {
                    endpoint.TrySetResult(e.Data[index..].Trim());
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var url = await endpoint.Task.WaitAsync(timeout.Token);

            await browser._socket.ConnectAsync(new Uri(url), cancellationToken);
            browser._receiveLoop = Task.Run(browser.ReceiveLoopAsync, CancellationToken.None);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a new tab, enables the Page and Runtime domains and navigates it to <paramref name="url"/>.</summary>
    public async Task<ChromiumPage> OpenPageAsync(string url, CancellationToken cancellationToken)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
        var attached = await SendAsync(
            "Target.attachToTarget",
            new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true },
            null,
            cancellationToken);
        var page = new ChromiumPage(this, attached["sessionId"]!.GetValue<string>());
        await SendAsync("Page.enable", null, page.SessionId, cancellationToken);
        await SendAsync("Runtime.enable", null, page.SessionId, cancellationToken);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, page.SessionId, cancellationToken);
        return page;
    }

    /// <summary>Sends one CDP command and returns its <c>result</c>; a CDP error becomes an exception.</summary>
    internal async Task<JsonObject> SendAsync(string method, JsonObject? parameters, string? sessionId, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }

        using var registration = cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken));
        var response = await reply.Task;
        if (response["error"] is JsonObject error)
        {
            throw new InvalidOperationException($"CDP {method} failed: {error.ToJsonString()}");
        }

        return response["result"] as JsonObject ?? [];
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stopping.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stopping.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)) as JsonObject;
                message.SetLength(0);
                if (node is null)
                {
                    continue;
                }

                if (node["id"] is JsonValue idValue && _pending.TryRemove(idValue.GetValue<int>(), out var reply))
                {
                    reply.TrySetResult(node);
                }
                else
                {
                    RecordEvent(node);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closing down, or Chromium went away.
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The DevTools connection closed."));
            }
        }
    }

    private void RecordEvent(JsonObject node)
    {
        var method = node["method"]?.GetValue<string>();
        if (method == "Runtime.exceptionThrown")
        {
            _pageErrors.Enqueue("exception: " + node["params"]?["exceptionDetails"]?.ToJsonString());
        }
        else if (method == "Runtime.consoleAPICalled" && node["params"]?["type"]?.GetValue<string>() == "error")
        {
            _pageErrors.Enqueue("console.error: " + node["params"]?["args"]?.ToJsonString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Best effort: the process is killed next anyway.
        }

        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _sendLock.Dispose();
        _stopping.Dispose();
        try
        {
            Directory.Delete(_profileDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's helpers may still hold a file for a moment; the OS cleans temp eventually.
        }
    }
}

/// <summary>One tab of a <see cref="HeadlessChromium"/>.</summary>
internal sealed class ChromiumPage(HeadlessChromium browser, string sessionId)
{
    /// <summary>The CDP session of this tab.</summary>
    public string SessionId { get; } = sessionId;

    /// <summary>Evaluates a JavaScript expression (promises awaited) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await browser.SendAsync(
            "Runtime.evaluate",
            new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true },
            SessionId,
            cancellationToken);
        if (result["exceptionDetails"] is JsonObject exception)
        {
            throw new InvalidOperationException($"Evaluating '{expression}' threw: {exception.ToJsonString()}");
        }

        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> until it returns a truthy value or <paramref name="timeout"/> passes (a real browser
    /// renders asynchronously, so this polls with a deadline); an evaluation that fails while the page is between documents counts
    /// as "not yet" (<see cref="ChromiumPolling.PollAsync"/>).
    /// </summary>
    public Task<JsonNode?> WaitForAsync(string expression, TimeSpan timeout, CancellationToken cancellationToken) =>
        this.PollAsync(browser, expression, timeout, cancellationToken);

    /// <summary>Saves a PNG screenshot of the tab (useful when a browser test fails).</summary>
    public async Task SaveScreenshotAsync(string path, CancellationToken cancellationToken)
    {
        var shot = await browser.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, SessionId, cancellationToken);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()), cancellationToken);
    }
}
