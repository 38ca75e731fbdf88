using RunsGateway.Core;

namespace RunsGateway.Live;

/// <summary>How the shared run pollers behind <c>Subscription.runChanged</c> poll the vendors.</summary>
public sealed class LiveRunOptions
{
    /// <summary>The configuration section of the settings not tied to one vendor.</summary>
    public const string SectionName = "LiveRuns";

    /// <summary>Gets or sets the poll interval of a vendor without <c>Vendors:&lt;Name&gt;:PollInterval</c>.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the poll interval per vendor, from <c>Vendors:&lt;Name&gt;:PollInterval</c> (for example <c>00:00:10</c>).</summary>
    public Dictionary<Vendor, TimeSpan> PollIntervals { get; } = [];

    /// <summary>Gets or sets the longest wait between polls while a vendor keeps failing (the backoff doubles up to it).</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The poll interval of <paramref name="vendor"/>.</summary>
    public TimeSpan PollIntervalOf(Vendor vendor) => PollIntervals.TryGetValue(vendor, out var interval) ? interval : DefaultPollInterval;
}
