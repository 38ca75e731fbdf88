using RunsGateway.Core;

namespace RunsGateway.Vendors;

/// <summary>Unit conversions and small rules shared by the mappers.</summary>
internal static class MapperHelpers
{
    /// <summary>Fractional seconds to whole milliseconds (rounded half away from zero).</summary>
    public static long? SecondsToMilliseconds(double? seconds) =>
        seconds is { } s && double.IsFinite(s) ? (long)Math.Round(s * 1000, MidpointRounding.AwayFromZero) : null;

    /// <summary>A derived run duration, <c>completed − started</c>, when both are known and in order.</summary>
    public static long? DerivedDurationMs(DateTimeOffset? startedAt, DateTimeOffset? completedAt) =>
        startedAt is { } start && completedAt is { } end && end >= start ? (long)(end - start).TotalMilliseconds : null;

    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static VendorError MissingField(Vendor vendor, string field) =>
        new(VendorErrorKind.BadResponse, vendor, $"the required field '{field}' is missing") { HttpStatus = 200 };

    public static void AddIfPresent(Dictionary<string, string> attributes, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes[key] = value;
        }
    }
}
