using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.VendorSimulator;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Http;

/// <summary>What reaches a vendor's wire: the HTTP version (<c>Vendors:&lt;Name&gt;:HttpVersion</c>) and never our trace context.</summary>
public sealed class VendorWireTests
{
    private const string RunningCcRun = """{"run_id":1,"status":"running"}""";

    [Fact]
    public async Task GetRun_DefaultSettings_CallsOverHttp11()
    {
        await using var vendor = await FakeVendor.StartAsync(AnswerRunningRun);
        await using var services = vendor.Vendors();

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "1")], TestContext.Current.CancellationToken))[0];

        result.IsSuccess.ShouldBeTrue();
        vendor.Received.Single().Protocol.ShouldBe("HTTP/1.1");
    }

    [Fact]
    public async Task GetRuns_HttpVersion20OverPlainHttp_CallsTheSimulatorOverH2c()
    {
        // The simulator on real Kestrel with an HTTP/2-only cleartext endpoint (what bench/vendor-call-cost.sh starts for its HTTP/2
        // mode): an HTTP/1.1 request would be refused there, so every answer below came over HTTP/2.
        await using var simulator = await StartSimulatorAsync(HttpProtocols.Http2);
        var running = await simulator.RunningCcExtractorRunsAsync(20);
        await using var services = FakeVendor.VendorsAt(simulator.BaseUrl, settings: new Dictionary<string, string?>
        {
            ["Vendors:CcExtractor:Token"] = SimulatorDefaults.CcExtractorToken,
            ["Vendors:CcExtractor:HttpVersion"] = "2.0",
        });

        var results = await services.GetRequiredService<IRunSource>().GetRunsAsync(running, TestContext.Current.CancellationToken);

        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Value.Ref).ShouldBe(running);
        simulator.Protocols.Count(p => p == "HTTP/2").ShouldBe(running.Count + 1);
        simulator.Protocols.ShouldAllBe(p => p == "HTTP/2");
    }

    [Fact]
    public async Task GetRun_HttpVersion20AgainstAnHttp11OnlyVendor_IsUnavailableWithoutFallingBack()
    {
        // Over plain http there is nothing to negotiate with: HTTP/2 is sent with prior knowledge and an HTTP/1.1-only vendor fails.
        await using var vendor = await FakeVendor.StartAsync(AnswerRunningRun);
        await using var services = vendor.Vendors(settings: new Dictionary<string, string?> { ["Vendors:CcExtractor:HttpVersion"] = "2.0", ["Vendors:CcExtractor:MaxRetries"] = "0" });

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "1")], TestContext.Current.CancellationToken))[0];

        result.Error!.Kind.ShouldBe(VendorErrorKind.Unavailable);
        vendor.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://vendor.test/api", "2.0", HttpVersionPolicy.RequestVersionExact)]
    [InlineData("https://vendor.test/api", "2.0", HttpVersionPolicy.RequestVersionOrLower)]
    [InlineData("http://vendor.test/api", "1.1", HttpVersionPolicy.RequestVersionOrLower)]
    public void HttpVersionPolicy_BySchemeAndVersion_NegotiatesOnlyWhereTlsCan(string baseUrl, string version, HttpVersionPolicy expected)
    {
        using var provider = Options(baseUrl, version);

        var options = provider.GetRequiredService<IOptions<CcExtractorOptions>>().Value;

        options.HttpVersion.ShouldBe(Version.Parse(version));
        options.HttpVersionPolicy.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("3.0")]
    public void AddVendors_UnsupportedHttpVersion_FailsValidationNamingTheKey(string version)
    {
        using var provider = Options("https://vendor.test/api", version);

        var ex = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CcExtractorOptions>>().Value);

        ex.Failures.ShouldContain("Vendors:CcExtractor:HttpVersion must be 1.1 or 2.0.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetRun_InsideATracedRequest_SendsNoTraceContextToTheVendor(bool spansRecorded)
    {
        // The request's activity (ASP.NET Core starts one per request) with trace state and baggage; with spansRecorded, a listener
        // records every source, as the host's OpenTelemetry tracing does (the vendor-call span and the HTTP client's own).
        await using var vendor = await FakeVendor.StartAsync(AnswerRunningRun);
        await using var services = vendor.Vendors();
        var stopped = new List<Activity>();
        using var listener = spansRecorded ? Listen(stopped) : null;
        using var request = new Activity("gateway request").SetIdFormat(ActivityIdFormat.W3C).AddBaggage("user", "someone").Start();
        request.TraceStateString = "gateway=internal";

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "1")], TestContext.Current.CancellationToken))[0];

        result.IsSuccess.ShouldBeTrue();
        var headers = vendor.Received.Single().Headers;
        foreach (var name in new[] { "traceparent", "tracestate", "baggage", "Correlation-Context", "Request-Id" })
        {
            headers.ContainsKey(name).ShouldBeFalse(name);
        }

        Activity.Current.ShouldBe(request);
        if (spansRecorded)
        {
            // Our own vendor-call span is still recorded, as a child of the request.
            lock (stopped)
            {
                stopped.ShouldContain(a => a.Source.Name == VendorTelemetry.Name && a.ParentSpanId == request.SpanId && a.TraceId == request.TraceId);
            }
        }
    }

    private static ActivityListener Listen(List<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is VendorTelemetry.Name or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static Task AnswerRunningRun(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(RunningCcRun);
    }

    private static ServiceProvider Options(string baseUrl, string version)
    {
        var services = new ServiceCollection();
        services.AddVendors(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vendors:CcExtractor:BaseUrl"] = baseUrl,
            ["Vendors:CcExtractor:Token"] = "t",
            ["Vendors:CcExtractor:HttpVersion"] = version,
        }).Build());
        return services.BuildServiceProvider();
    }

    private static async Task<KestrelSimulator> StartSimulatorAsync(HttpProtocols protocols)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = protocols)).UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddVendorSimulator(builder.Configuration);
        var app = builder.Build();
        var simulator = new KestrelSimulator(app);
        app.Use((context, next) =>
        {
            lock (simulator.Protocols)
            {
                simulator.Protocols.Add(context.Request.Protocol);
            }

            return next(context);
        });
        app.MapVendorSimulator();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return simulator;
    }

    /// <summary>The vendor simulator on real Kestrel (loopback, a free port), with the protocol of every request it received.</summary>
    private sealed class KestrelSimulator(WebApplication app) : IAsyncDisposable
    {
        public List<string> Protocols { get; } = [];

        public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

        /// <summary>The first <paramref name="count"/> queued or running CCExtractor runs, read from the admin API over HTTP/2.</summary>
        public async Task<IReadOnlyList<RunRef>> RunningCcExtractorRunsAsync(int count)
        {
            using var admin = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            var runs = await admin.GetFromJsonAsync<JsonElement>(BaseUrl + "/_simulator/runs?vendor=ccextractor", TestContext.Current.CancellationToken);
            var running = runs.EnumerateArray()
                .Where(r => r.GetProperty("status").GetString() is "running" or "queued")
                .Select(r => VendorHarness.Ref(Vendor.CcExtractor, r.GetProperty("runId").GetString()!))
                .Take(count)
                .ToArray();
            running.Length.ShouldBe(count);
            return running;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
