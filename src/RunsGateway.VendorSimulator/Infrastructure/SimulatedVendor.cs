using System.Diagnostics.CodeAnalysis;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>The four simulated vendors.</summary>
internal enum SimulatedVendor
{
    CcExtractor,
    NeetoPlaydash,
    TestVibe,
    Crewship,
}

/// <summary>Lower-case names of the vendors as they appear in the control API.</summary>
internal static class SimulatedVendors
{
    public static IReadOnlyList<SimulatedVendor> All { get; } =
        [SimulatedVendor.CcExtractor, SimulatedVendor.NeetoPlaydash, SimulatedVendor.TestVibe, SimulatedVendor.Crewship];

    public static string Name(this SimulatedVendor vendor) => vendor switch
    {
        SimulatedVendor.CcExtractor => "ccextractor",
        SimulatedVendor.NeetoPlaydash => "neetoplaydash",
        SimulatedVendor.TestVibe => "testvibe",
        SimulatedVendor.Crewship => "crewship",
        _ => throw new ArgumentOutOfRangeException(nameof(vendor)),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out SimulatedVendor? vendor)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                vendor = candidate;
                return true;
            }
        }

        vendor = null;
        return false;
    }

    /// <summary>The vendors an admin request names: one by name, or every vendor for <c>all</c>; false for anything else.</summary>
    public static bool TryParseSelection(string? text, [NotNullWhen(true)] out IReadOnlyList<SimulatedVendor>? vendors)
    {
        if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase))
        {
            vendors = All;
            return true;
        }

        vendors = TryParse(text, out var vendor) ? [vendor.Value] : null;
        return vendors is not null;
    }
}
