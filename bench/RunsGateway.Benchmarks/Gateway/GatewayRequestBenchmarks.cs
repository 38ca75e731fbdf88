using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RunsGateway.Hosting;

namespace RunsGateway.Benchmarks.Gateway;

/// <summary>
/// The gateway's whole request path for a warm query of N finished CCExtractor runs with summaries (the query of
/// bench/gateway-load.sh): Kestrel on loopback, GraphQL over HTTP, the engine, the loaders and the in-process cache tier. The
/// client is a keep-alive socket writing prepared bytes and reading into a reused buffer, so the allocation
/// <c>[MemoryDiagnoser]</c> reports (process-wide) is the server's per request.
/// </summary>
[MemoryDiagnoser]
public class GatewayRequestBenchmarks : IDisposable
{
    private const string Query = "query($refs: [RunRef!]!) { runs(refs: $refs) { id runId rawStatus result completedAt summary { total passed failed missingOutput isFinal } } }";
    private readonly byte[] _buffer = new byte[1 << 20];
    private WebApplication? _app;
    private TcpClient? _client;
    private NetworkStream? _stream;
    private byte[] _request = [];

    /// <summary>How many runs the query names.</summary>
    [Params(1, 10, 50)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>One warm request: send, then read the whole response.</summary>
    [Benchmark]
    public int WarmQuery()
    {
        _stream!.Write(_request);
        return ReadResponse();
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _stream?.Dispose();
        _client?.Dispose();
        if (_app is not null)
        {
            _app.StopAsync().GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _app = null;
        }

        GC.SuppressFinalize(this);
    }

    private async Task SetupAsync()
    {
        _app = await GatewayApplication.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Demo:Enabled"] = "true",
                ["Logging:Json"] = "false",
            });
            builder.Logging.ClearProviders();
        });
        await _app.StartAsync();
        var gateway = new Uri(_app.Urls.First());
        var simulator = _app.Services.GetService(typeof(RunsGateway.Demo.DemoSimulator)) as RunsGateway.Demo.DemoSimulator
            ?? throw new InvalidOperationException("Demo mode did not start its simulator.");

        using var http = new HttpClient();
        var runs = await http.GetFromJsonAsync<List<JsonElement>>(new Uri(simulator.BaseAddress, "/_simulator/runs?vendor=ccextractor&status=pass"), JsonSerializerOptions.Web) ?? [];
        if (runs.Count < Runs)
        {
            throw new InvalidOperationException($"The simulator has {runs.Count} passed CCExtractor runs; {Runs} are needed.");
        }

        var refs = runs.Take(Runs).Select(r => new Dictionary<string, string> { ["vendor"] = "CCEXTRACTOR", ["runId"] = r.GetProperty("runId").GetString()! }).ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["query"] = Query, ["variables"] = new Dictionary<string, object> { ["refs"] = refs } });

        // Warm the cache twice (the second answer must be the cached finished set).
        for (var i = 0; i < 2; i++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(new Uri(gateway, "/graphql"), content);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !text.Contains("\"isFinal\":true", StringComparison.Ordinal) || text.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The warm-up answer is not a finished run set: " + text);
            }
        }

        var head = string.Create(CultureInfo.InvariantCulture, $"POST /graphql HTTP/1.1\r\nHost: {gateway.Authority}\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\nContent-Length: {body.Length}\r\n\r\n");
        _request = [.. Encoding.ASCII.GetBytes(head), .. body];
        _client = new TcpClient();
        _client.Connect(gateway.Host, gateway.Port);
        _client.NoDelay = true;
        _stream = _client.GetStream();
        if (WarmQuery() <= 0)
        {
            throw new InvalidOperationException("No response over the benchmark socket.");
        }
    }

    /// <summary>Reads one HTTP/1.1 response (Content-Length or chunked) into the reused buffer; returns its length.</summary>
    private int ReadResponse()
    {
        var length = 0;
        var headerEnd = -1;
        long expected = -1;
        var chunked = false;
        while (true)
        {
            var read = _stream!.Read(_buffer, length, _buffer.Length - length);
            if (read == 0)
            {
                throw new InvalidOperationException("The gateway closed the connection.");
            }

            length += read;
            var span = _buffer.AsSpan(0, length);
            if (headerEnd < 0)
            {
                headerEnd = span.IndexOf("\r\n\r\n"u8);
                if (headerEnd < 0)
                {
                    continue;
                }

                headerEnd += 4;
                var headers = span[..headerEnd];
                var at = headers.IndexOf("Content-Length: "u8);
                if (at < 0)
                {
                    at = headers.IndexOf("content-length: "u8);
                }

                if (at >= 0)
                {
                    var value = headers[(at + 16)..];
                    expected = long.Parse(Encoding.ASCII.GetString(value[..value.IndexOf("\r\n"u8)]), CultureInfo.InvariantCulture);
                }
                else
                {
                    chunked = true;
                }
            }

            if (!chunked && length - headerEnd >= expected)
            {
                return length;
            }

            if (chunked && span.EndsWith("\r\n0\r\n\r\n"u8))
            {
                return length;
            }
        }
    }
}
