using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.CcExtractor.Dto;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.Crewship.Dto;
using RunsGateway.Vendors.Drift;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.NeetoPlaydash.Dto;
using RunsGateway.Vendors.TestVibe;
using RunsGateway.Vendors.TestVibe.Dto;

namespace RunsGateway.Benchmarks.Vendors;

/// <summary>
/// The cost of drift detection on the uncached path, over answers the vendor simulator gave (<c>Vendors/Payloads</c>): one upstream call
/// through the vendor layer's answer reader (VendorResponseReader) and deserialisation (an in-memory handler stands in for the network) without any telemetry, and
/// with telemetry (span, call metrics and the drift check); and the drift check alone beside deserialisation alone.
/// </summary>
[MemoryDiagnoser]
public class VendorDriftBenchmarks : IDisposable
{
    private ServiceProvider _services = null!;
    private VendorTelemetry _telemetry = null!;
    private HttpClient _http = null!;
    private byte[] _body = null!;
    private JsonTypeInfo _typeInfo = null!;
    private VendorEndpoint _endpoint = null!;
    private RunRef _run = null!;

    [Params("ccextractor-run", "neetoplaydash-run", "testvibe-run", "crewship-run")]
    public string Payload { get; set; } = "ccextractor-run";

    [GlobalSetup]
    public void Setup()
    {
        _body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vendors", "Payloads", Payload + ".json"));
        var vendor = Payload switch
        {
            "ccextractor-run" => Vendor.CcExtractor,
            "neetoplaydash-run" => Vendor.NeetoPlaydash,
            "testvibe-run" => Vendor.TestVibe,
            _ => Vendor.Crewship,
        };
        _typeInfo = vendor switch
        {
            Vendor.CcExtractor => CcExtractorJsonContext.Default.CcExtractorRunDto,
            Vendor.NeetoPlaydash => NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto,
            Vendor.TestVibe => TestVibeJsonContext.Default.TestVibeRunDto,
            _ => CrewshipJsonContext.Default.CrewshipRunDto,
        };
        _endpoint = VendorEndpoints.Find(vendor, _typeInfo)!;
        _run = RunRef.Create(vendor, vendor.HasIntegerRunIds() ? "42" : "r1", vendor.RequiresProject() ? "p" : null).Value;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _telemetry = new VendorTelemetry(meters, new DriftMonitor(meters, TimeProvider.System, NullLogger<DriftMonitor>.Instance));
        _http = new HttpClient(new AnswerHandler(_body)) { BaseAddress = new Uri("http://vendor.invalid/api/") };
        if (PayloadInspector.Inspect(_endpoint.Shape, _body) is { } drift)
        {
            throw new InvalidOperationException($"The {Payload} payload drifts: {string.Join(", ", drift)}");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<object> CallWithoutTelemetry() => CallAsync(null);

    [Benchmark]
    public Task<object> CallWithTelemetryAndDriftCheck() => CallAsync(_telemetry);

    [Benchmark]
    public object? Deserialize() => JsonSerializer.Deserialize(_body, _typeInfo);

    [Benchmark]
    public object? DriftCheck() => PayloadInspector.Inspect(_endpoint.Shape, _body);

    public void Dispose()
    {
        _http?.Dispose();
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<object> CallAsync(VendorTelemetry? telemetry) => _typeInfo switch
    {
        JsonTypeInfo<CcExtractorRunDto> t => await VendorResponseReader.ReadAsync(_run.Vendor, Send, t, CcExtractorSource.ParseError, TimeProvider.System, telemetry, _run, CancellationToken.None),
        JsonTypeInfo<NeetoPlaydashRunDto> t => await VendorResponseReader.ReadAsync(_run.Vendor, Send, t, NeetoPlaydashSource.ParseError, TimeProvider.System, telemetry, _run, CancellationToken.None),
        JsonTypeInfo<TestVibeRunDto> t => await VendorResponseReader.ReadAsync(_run.Vendor, Send, t, TestVibeSource.ParseError, TimeProvider.System, telemetry, _run, CancellationToken.None),
        JsonTypeInfo<CrewshipRunDto> t => await VendorResponseReader.ReadAsync(_run.Vendor, Send, t, CrewshipSource.ParseError, TimeProvider.System, telemetry, _run, CancellationToken.None),
        _ => throw new InvalidOperationException(),
    };

    private Task<HttpResponseMessage> Send(CancellationToken cancellationToken) => _http.GetAsync(new Uri("runs/42", UriKind.Relative), cancellationToken);

    /// <summary>Answers every request with the payload, as a vendor's 200 would.</summary>
    private sealed class AnswerHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request });
    }
}
