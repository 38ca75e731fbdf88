using RunsGateway.Core;

namespace RunsGateway.Vendors;

/// <summary>Settings every vendor client shares; each vendor binds its own section <c>Vendors:&lt;Name&gt;</c>.</summary>
public abstract class VendorOptions
{
    /// <summary>The vendor these options configure.</summary>
    public abstract Vendor Vendor { get; }

    /// <summary>The configuration section, e.g. <c>Vendors:CcExtractor</c>.</summary>
    public string Section => $"Vendors:{Vendor}";

    /// <summary>The credential key within the section (<c>Token</c> or <c>ApiKey</c>).</summary>
    internal abstract string CredentialKey { get; }

    /// <summary>The configured credential.</summary>
    internal abstract string? Credential { get; }

    /// <summary>The API base URL including the vendor's path prefix, e.g. <c>https://sampleplatform.ccextractor.org/api/v1</c>. Empty means "not configured".</summary>
    /// <value>The default value is null (not configured).</value>
    public string? BaseUrl { get; set; }

    /// <summary>Timeout of one attempt of an upstream call.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upstream requests in flight at once to this vendor, shared by the whole process.</summary>
    /// <value>The default value is 16.</value>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>The longest <c>Retry-After</c> we wait for on HTTP 429; a longer one fails fast as rate limited.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan RetryAfterCeiling { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a GET after a 5xx, a transport error or a 429 within the ceiling.</summary>
    /// <value>The default value is 2.</value>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The base delay of the jittered exponential backoff between retries.</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Failure ratio (0–1) within the sampling duration that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls within the sampling duration before the circuit may open.</summary>
    /// <value>The default value is 10.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call.</summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The client-side request budget per minute, shared by every request of this instance (a token bucket refilled one request every
    /// minute/N, holding at most N). Null: no client-side limit (the vendor's own <c>X-RateLimit-*</c> headers are still honoured).
    /// </summary>
    /// <value>The default value is null (no limit).</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>The largest response body read from the vendor; a larger one is dropped unread as a bad response.</summary>
    /// <value>The default value is 16 MiB.</value>
    public int MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The HTTP version asked of the vendor: 1.1, or 2.0 (all of a vendor's concurrent calls share one connection as HTTP/2 streams). Over
    /// https, 2.0 is negotiated through TLS (ALPN) and falls back to HTTP/1.1 when the vendor does not offer it; over plain http there is
    /// no negotiation, so 2.0 means HTTP/2 with prior knowledge (h2c) and the vendor must serve it.
    /// </summary>
    /// <value>The default value is 1.1.</value>
    public Version HttpVersion { get; set; } = System.Net.HttpVersion.Version11;

    /// <summary>
    /// How <see cref="HttpVersion"/> is negotiated: exactly HTTP/2 over plain http (prior knowledge: no fallback exists there),
    /// otherwise the version asked for or a lower one.
    /// </summary>
    internal HttpVersionPolicy HttpVersionPolicy =>
        HttpVersion.Major >= 2 && Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
            ? HttpVersionPolicy.RequestVersionExact
            : HttpVersionPolicy.RequestVersionOrLower;

    /// <summary>Whether a base URL is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);
}
