using System.Globalization;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>The timestamp formats the vendor documents show.</summary>
internal static class IsoTime
{
    /// <summary><c>2026-06-10T16:02:11Z</c> (CCExtractor, TestVibe, Crewship).</summary>
    public static string Seconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Seconds(DateTimeOffset? value) => value is { } v ? Seconds(v) : null;

    /// <summary><c>2026-06-28T09:14:22.000Z</c> (NeetoPlaydash).</summary>
    public static string Millis(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
