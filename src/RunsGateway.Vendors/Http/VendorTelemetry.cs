using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Serialization.Metadata;
using RunsGateway.Core;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.Http;

/// <summary>
/// What the vendor layer reports about its upstream calls: one span per call (retries included) and the
/// <c>runsgateway.vendor.calls</c> / <c>runsgateway.vendor.call.duration</c> instruments, tagged with vendor, endpoint and outcome; and
/// the <see cref="DriftMonitor"/> that compares every answer with the shape its DTO reads.
/// </summary>
internal sealed class VendorTelemetry
{
    /// <summary>The name of the vendor layer's meter and activity source.</summary>
    public const string Name = "RunsGateway.Vendors";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public VendorTelemetry(IMeterFactory meterFactory, DriftMonitor drift)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _calls = meter.CreateCounter<long>("runsgateway.vendor.calls", unit: "{call}", description: "Upstream vendor calls (retries included in one call), by outcome.");
        _duration = meter.CreateHistogram<double>("runsgateway.vendor.call.duration", unit: "s", description: "Duration of upstream vendor calls, retries and body included.");
        Drift = drift;
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public DriftMonitor Drift { get; }

    /// <summary>Starts the span of one upstream call (null when nobody listens).</summary>
    public static Activity? StartCall(Vendor vendor, JsonTypeInfo typeInfo)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var route = RouteOf(vendor, typeInfo);
        var activity = ActivitySource.StartActivity($"{vendor.ToSlug()} {route}", ActivityKind.Client);
        activity?.SetTag("runsgateway.vendor", vendor.ToSlug());
        activity?.SetTag("runsgateway.vendor.endpoint", route);
        return activity;
    }

    /// <summary>Ends the call's span and records its outcome.</summary>
    public void Completed<T>(Activity? activity, Vendor vendor, JsonTypeInfo typeInfo, Result<T> result, TimeSpan elapsed)
    {
        var outcome = result.IsSuccess ? "ok" : OutcomeOf(result.Error.Kind);
        int? status = result.IsSuccess ? 200 : result.Error.HttpStatus;
        var route = RouteOf(vendor, typeInfo);
        var tags = new TagList
        {
            { "runsgateway.vendor", vendor.ToSlug() },
            { "runsgateway.vendor.endpoint", route },
            { "runsgateway.vendor.outcome", outcome },
        };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        _calls.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("runsgateway.vendor.outcome", outcome);
        if (status is { } statusCode)
        {
            activity.SetTag("http.response.status_code", statusCode);
        }

        // A missing run is an answer, not a failure.
        if (!result.IsSuccess && result.Error.Kind != VendorErrorKind.NotFound)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    private static string RouteOf(Vendor vendor, JsonTypeInfo typeInfo) => VendorEndpoints.Find(vendor, typeInfo)?.Route ?? typeInfo.Type.Name;

    private static string OutcomeOf(VendorErrorKind kind) => kind switch
    {
        VendorErrorKind.NotFound => "not_found",
        VendorErrorKind.Unauthorized => "unauthorized",
        VendorErrorKind.RateLimited => "rate_limited",
        VendorErrorKind.Unavailable => "unavailable",
        VendorErrorKind.BadResponse => "bad_response",
        VendorErrorKind.NotConfigured => "not_configured",
        VendorErrorKind.InvalidReference => "invalid_reference",
        _ => "error",
    };
}
