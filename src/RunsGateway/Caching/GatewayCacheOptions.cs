using System.ComponentModel.DataAnnotations;
using RunsGateway.Core;

namespace RunsGateway.Caching;

/// <summary>How finished runs are cached (configuration section <c>Cache</c>).</summary>
public sealed class GatewayCacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cache";

    /// <summary>How long a finished run (with its summary, specs and tests) stays cached.</summary>
    /// <value>The default value is 7 days.</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan FinishedRunLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a finished CCExtractor run stays cached. Shorter than the others because the platform can restart a finished run under the same id.
    /// </summary>
    /// <value>The default value is 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CcExtractorLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an entry read from or written to Redis stays in the in-process tier (L1) of this instance. Without Redis the
    /// in-process tier is the whole cache and entries live for their full lifetime instead.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LocalLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one cache round trip may take before the request bypasses the cache and asks the vendors.</summary>
    /// <value>The default value is 250 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a cache failure, how long requests skip the cache before trying it again.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan OutageRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The size limit of the in-process tier (L1), in bytes of serialised payload.</summary>
    /// <value>The default value is 64 MiB.</value>
    [Range(1024, long.MaxValue)]
    public long InMemorySizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The key that authorises <c>DELETE /admin/cache/runs</c> (sent as <c>X-Admin-Key</c>). When empty, purging is disabled.
    /// </summary>
    /// <value>The default value is null (purging disabled).</value>
    public string? PurgeApiKey { get; set; }

    /// <summary>The lifetime of a finished run of <paramref name="vendor"/>.</summary>
    public TimeSpan LifetimeFor(Vendor vendor) => vendor == Vendor.CcExtractor ? CcExtractorLifetime : FinishedRunLifetime;
}
