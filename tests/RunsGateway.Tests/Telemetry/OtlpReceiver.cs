using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace RunsGateway.Tests.Telemetry;

/// <summary>One export request as the receiver got it.</summary>
public sealed record OtlpRequest(string Path, string? ContentType, byte[] Body);

/// <summary>
/// An OTLP receiver on a free loopback port, as a collector would be: OTLP/HTTP (<c>POST /v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c> with <c>application/x-protobuf</c>; anything else is 404) or OTLP/gRPC over cleartext HTTP/2 (the collector services'
/// <c>Export</c> methods, length-prefixed messages, <c>grpc-status</c> trailer). It records every request.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string GrpcTraces = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    public const string GrpcMetrics = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
    public const string GrpcLogs = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";

    private static readonly string[] HttpPaths = ["/v1/traces", "/v1/metrics", "/v1/logs"];
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, bool grpc)
    {
        _app = app;
        Endpoint = new Uri(app.Urls.First());
        IsGrpc = grpc;
    }

    public Uri Endpoint { get; }

    public bool IsGrpc { get; }

    public ConcurrentQueue<OtlpRequest> Requests { get; } = new();

    public string TracesPath => IsGrpc ? GrpcTraces : "/v1/traces";

    public string MetricsPath => IsGrpc ? GrpcMetrics : "/v1/metrics";

    public static async Task<OtlpReceiver> StartAsync(bool grpc)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync();
        receiver = new OtlpReceiver(app, grpc);
        return receiver;
    }

    /// <summary>The bodies received on <paramref name="path"/>.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Bodies(string path) => Requests.Where(r => r.Path == path).Select(r => (ReadOnlyMemory<byte>)r.Body);

    /// <summary>Polls until <paramref name="condition"/> holds, failing after a deadline (the export intervals are short, the machine may be busy).</summary>
    public async Task WaitUntilAsync(Func<OtlpReceiver, bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (!condition(this))
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"The receiver did not get {what} within 60 s; it got {Requests.Count} requests to {string.Join(", ", Requests.Select(r => r.Path).Distinct())}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value ?? "/";
        if (IsGrpc)
        {
            // A gRPC message: 1 byte compressed flag, 4 bytes big-endian length, the protobuf message.
            var message = body.Length >= 5 ? body.AsSpan(5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4))).ToArray() : [];
            Requests.Enqueue(new OtlpRequest(path, context.Request.ContentType, message));
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5], context.RequestAborted);
            context.Response.AppendTrailer("grpc-status", path is GrpcTraces or GrpcMetrics or GrpcLogs ? "0" : "12");
            return;
        }

        Requests.Enqueue(new OtlpRequest(path, context.Request.ContentType, body));
        if (!HttpPaths.Contains(path) || context.Request.Method != HttpMethods.Post)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/x-protobuf";
    }
}
