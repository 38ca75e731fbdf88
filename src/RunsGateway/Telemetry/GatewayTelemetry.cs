using System.Diagnostics;

namespace RunsGateway.Telemetry;

/// <summary>When and where the gateway exports its telemetry, and the spans of its cache lookups.</summary>
internal static class GatewayTelemetry
{
    /// <summary>The vendor layer's meter and activity source (upstream calls and drift).</summary>
    public const string VendorsName = "RunsGateway.Vendors";

    /// <summary>The gateway's own configuration key for the OTLP endpoint (the standard variables win over it).</summary>
    public const string EndpointKey = "OpenTelemetry:Otlp:Endpoint";

    private static readonly string[] EndpointVariables =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    /// <summary>
    /// Whether telemetry is exported: an <c>OTEL_EXPORTER_OTLP_*ENDPOINT</c> variable is set, or <c>OpenTelemetry:Otlp:Endpoint</c> (with
    /// optional <c>:Protocol</c> and <c>:Headers</c>), which is then handed to the exporter as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> so the same
    /// rules apply (the signal path is appended for <c>http/protobuf</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">An endpoint is not an absolute http(s) URL.</exception>
    public static bool TryConfigureExport(IConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        var configuration = (IConfiguration)configurationBuilder;
        var found = false;
        foreach (var variable in EndpointVariables)
        {
            if (configuration[variable] is { Length: > 0 } value)
            {
                Validate(variable, value);
                found = true;
            }
        }

        if (found)
        {
            return true;
        }

        if (configuration[EndpointKey] is not { Length: > 0 } endpoint)
        {
            return false;
        }

        Validate(EndpointKey, endpoint);
        var mapped = new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint };
        if (configuration["OpenTelemetry:Otlp:Protocol"] is { Length: > 0 } protocol && configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] is null)
        {
            mapped["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol;
        }

        if (configuration["OpenTelemetry:Otlp:Headers"] is { Length: > 0 } headers && configuration["OTEL_EXPORTER_OTLP_HEADERS"] is null)
        {
            mapped["OTEL_EXPORTER_OTLP_HEADERS"] = headers;
        }

        configurationBuilder.AddInMemoryCollection(mapped);
        return true;
    }

    /// <summary>Starts the span of one batched cache lookup (null when nobody listens); <see cref="GatewayMetrics.CacheLookups"/> tags its result.</summary>
    public static Activity? StartCacheLookup(string kind, int keys)
    {
        if (!GatewayMetrics.ActivitySource.HasListeners())
        {
            // No tracing: not even the span's name is built.
            return null;
        }

        var activity = GatewayMetrics.ActivitySource.StartActivity("cache lookup " + kind, ActivityKind.Internal);
        activity?.SetTag("runsgateway.cache.kind", kind);
        activity?.SetTag("runsgateway.cache.keys", keys);
        return activity;
    }

    private static void Validate(string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{key} must be an absolute http:// or https:// URL.");
        }
    }
}
