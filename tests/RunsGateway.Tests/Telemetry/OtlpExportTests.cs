using RunsGateway.Tests.Integration;

namespace RunsGateway.Tests.Telemetry;

/// <summary>
/// The gateway's telemetry reaches a collector: an in-test OTLP receiver gets the spans of a query (server span, one span per upstream
/// call with vendor and status, the cache lookups) and the README's metrics, at the paths a real collector serves.
/// </summary>
public sealed class OtlpExportTests
{
    private static Dictionary<string, string?> Settings(OtlpReceiver receiver, string protocol) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
        ["OTEL_SERVICE_NAME"] = "runsgateway-test",
        ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=test",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
    };

    /// <summary>Queries one finished CCExtractor run with its summary twice: upstream calls and cache misses, then cache hits.</summary>
    private static async Task<string> QueryTwiceAsync(GatewayHost host)
    {
        var run = (await host.RunsAsync("ccextractor", "pass"))[0];
        var query = $$"""{ run(vendor: CCEXTRACTOR, runId: "{{run.RunId}}") { state summary { total } } }""";
        (await host.QueryAsync(query))["errors"].ShouldBeNull();
        (await host.QueryAsync(query))["errors"].ShouldBeNull();
        return run.RunId;
    }

    private static IEnumerable<OtlpSpan> Spans(OtlpReceiver receiver) => receiver.Bodies(receiver.TracesPath).SelectMany(b => Otlp.Spans(b));

    private static HashSet<string> MetricNames(OtlpReceiver receiver) => [.. receiver.Bodies(receiver.MetricsPath).SelectMany(b => Otlp.MetricNames(b))];

    private static bool HasUpstreamSpan(OtlpReceiver receiver, string route) =>
        Spans(receiver).Any(s => s.Name == "ccextractor " + route
            && s.Attributes.GetValueOrDefault("runsgateway.vendor") == "ccextractor"
            && s.Attributes.GetValueOrDefault("runsgateway.vendor.endpoint") == route
            && s.Attributes.GetValueOrDefault("http.response.status_code") == "200"
            && s.Attributes.GetValueOrDefault("runsgateway.vendor.outcome") == "ok");

    private static readonly string[] ReadmeMetrics =
    [
        "runsgateway.vendor.calls", "runsgateway.vendor.call.duration", "runsgateway.cache.hits", "runsgateway.cache.misses", "runsgateway.dataloader.batch_size",
    ];

    [Fact]
    public async Task Export_HttpProtobuf_SendsSpansAndMetricsToTheSignalPaths()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        await using var host = await GatewayHost.StartAsync(Settings(receiver, "http/protobuf"));

        await QueryTwiceAsync(host);
        await receiver.WaitUntilAsync(
            // The second query's run is an in-process hit answered as its field resolves: counted in runsgateway.cache.hits (one of
            // the README's metrics), without a lookup span of its own.
            r => HasUpstreamSpan(r, "GET /runs/{run_id}/summary") && ReadmeMetrics.All(MetricNames(r).Contains),
            "the query's spans and the README's metrics");

        receiver.Requests.ShouldAllBe(r => (r.Path == "/v1/traces" || r.Path == "/v1/metrics" || r.Path == "/v1/logs") && r.ContentType == "application/x-protobuf");
        var spans = Spans(receiver).ToList();
        spans.ShouldContain(s => s.Name == "POST /graphql" && s.Kind == 2 && s.Attributes.GetValueOrDefault("url.path") == "/graphql" && s.Attributes.GetValueOrDefault("http.route") == "/graphql", "the server span");
        HasUpstreamSpan(receiver, "GET /runs/{run_id}").ShouldBeTrue();
        spans.ShouldContain(s => s.Name.StartsWith("cache lookup", StringComparison.Ordinal) && s.Attributes.GetValueOrDefault("runsgateway.cache.misses") == "1");
        var resources = receiver.Bodies("/v1/traces").SelectMany(b => Otlp.Resources(b)).ToList();
        resources.ShouldContain(r => r.GetValueOrDefault("service.name") == "runsgateway-test" && r.GetValueOrDefault("deployment.environment") == "test");
    }

    [Fact]
    public async Task Export_Grpc_SendsSpansAndMetricsToTheCollectorServices()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: true);
        await using var host = await GatewayHost.StartAsync(Settings(receiver, "grpc"));

        await QueryTwiceAsync(host);
        await receiver.WaitUntilAsync(
            r => HasUpstreamSpan(r, "GET /runs/{run_id}") && ReadmeMetrics.All(MetricNames(r).Contains),
            "the upstream span and the README's metrics over gRPC");

        receiver.Requests.ShouldAllBe(r => r.Path.StartsWith("/opentelemetry.proto.collector.", StringComparison.Ordinal) && r.ContentType == "application/grpc");
        Spans(receiver).ShouldContain(s => s.Kind == 2 && s.Attributes.GetValueOrDefault("url.path") == "/graphql");
    }

    [Fact]
    public async Task Export_ConfiguredEndpointKey_AppendsTheSignalPathsToo()
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: false);
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Otlp:Endpoint"] = receiver.Endpoint.ToString(),
            ["OpenTelemetry:Otlp:Protocol"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        await QueryTwiceAsync(host);
        await receiver.WaitUntilAsync(r => HasUpstreamSpan(r, "GET /runs/{run_id}") && MetricNames(r).Contains("runsgateway.vendor.calls"), "spans and metrics");

        receiver.Requests.ShouldNotContain(r => r.Path == "/");
        receiver.Requests.Select(r => r.Path).ShouldContain("/v1/traces");
    }

    [Fact]
    public async Task DriftListing_NoAdminKey_IsNotFound()
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.GetAsync("/admin/vendors/drift", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
