namespace RunsGateway.Core;

/// <summary>Stable names and reference rules of each <see cref="Vendor"/>.</summary>
public static class VendorExtensions
{
    /// <summary>All vendors in declaration order.</summary>
    public static IReadOnlyList<Vendor> All { get; } = [Vendor.CcExtractor, Vendor.NeetoPlaydash, Vendor.TestVibe, Vendor.Crewship];

    /// <summary>The lower-case slug of a vendor (<c>ccextractor</c>, <c>neetoplaydash</c>, <c>testvibe</c>, <c>crewship</c>), stable for keys and ids.</summary>
    public static string ToSlug(this Vendor vendor) => vendor switch
    {
        Vendor.CcExtractor => "ccextractor",
        Vendor.NeetoPlaydash => "neetoplaydash",
        Vendor.TestVibe => "testvibe",
        Vendor.Crewship => "crewship",
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown vendor."),
    };

    /// <summary>The vendor's display name (<c>CCExtractor</c>, <c>NeetoPlaydash</c>, <c>TestVibe</c>, <c>Crewship</c>).</summary>
    public static string DisplayName(this Vendor vendor) => vendor switch
    {
        Vendor.CcExtractor => "CCExtractor",
        Vendor.NeetoPlaydash => "NeetoPlaydash",
        Vendor.TestVibe => "TestVibe",
        Vendor.Crewship => "Crewship",
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Unknown vendor."),
    };

    /// <summary>Parses a slug produced by <see cref="ToSlug"/> (case-insensitive).</summary>
    public static bool TryParseSlug(string? slug, out Vendor vendor)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToSlug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                vendor = candidate;
                return true;
            }
        }

        vendor = default;
        return false;
    }

    /// <summary>Whether a reference to this vendor's runs needs a project (NeetoPlaydash, TestVibe) or must have none (CCExtractor, Crewship).</summary>
    public static bool RequiresProject(this Vendor vendor) => vendor is Vendor.NeetoPlaydash or Vendor.TestVibe;

    /// <summary>Whether this vendor's run ids are integers ≥ 1 (CCExtractor, TestVibe) rather than strings.</summary>
    public static bool HasIntegerRunIds(this Vendor vendor) => vendor is Vendor.CcExtractor or Vendor.TestVibe;

    /// <summary>Whether the run summary is a separate upstream call (CCExtractor's <c>/runs/{id}/summary</c>).</summary>
    public static bool HasSeparateSummary(this Vendor vendor) => vendor is Vendor.CcExtractor;

    /// <summary>Whether the vendor knows specs and tests at all (Crewship and the documented CCExtractor API do not).</summary>
    public static bool HasSpecs(this Vendor vendor) => vendor is Vendor.NeetoPlaydash or Vendor.TestVibe;
}
