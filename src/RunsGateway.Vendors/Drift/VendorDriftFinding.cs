namespace RunsGateway.Vendors.Drift;

/// <summary>One distinct drift finding: a vendor's answers departed from what the gateway reads, at one place, in one way.</summary>
/// <param name="Vendor">The vendor's slug (<c>ccextractor</c>…).</param>
/// <param name="Endpoint">The documented route, e.g. <c>GET /runs/{run_id}</c>.</param>
/// <param name="Path">Where in the answer, e.g. <c>$.status</c> or <c>$.specs[].tests[].status</c>.</param>
/// <param name="Kind">What: <c>unknown_field</c>, <c>missing_field</c>, <c>wrong_type</c> or <c>unknown_value</c>.</param>
/// <param name="FirstSeen">When it was first seen.</param>
/// <param name="LastSeen">When it was last seen.</param>
/// <param name="Count">How many answers showed it.</param>
/// <param name="ExampleRun">The key of one run whose answer showed it (e.g. <c>ccextractor::42</c>), never a payload value.</param>
public sealed record VendorDriftFinding(
    string Vendor,
    string Endpoint,
    string Path,
    string Kind,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long Count,
    string? ExampleRun);

/// <summary>The drift findings of this process, for the admin listing.</summary>
public interface IVendorDriftReport
{
    /// <summary>Every distinct finding so far, ordered by vendor, endpoint, path and kind.</summary>
    IReadOnlyList<VendorDriftFinding> Findings();
}
