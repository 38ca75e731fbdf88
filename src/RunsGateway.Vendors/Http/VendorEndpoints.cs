using System.Text.Json.Serialization.Metadata;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.Drift;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;

namespace RunsGateway.Vendors.Http;

/// <summary>One upstream endpoint the gateway reads: its vendor, its route as the vendor documents it, and the DTO it is read into.</summary>
internal sealed class VendorEndpoint(Vendor vendor, string route, JsonTypeInfo typeInfo)
{
    public Vendor Vendor { get; } = vendor;

    /// <summary>The documented route, e.g. <c>GET /runs/{run_id}</c> (the <c>endpoint</c> tag of spans, metrics and drift findings).</summary>
    public string Route { get; } = route;

    public JsonTypeInfo TypeInfo { get; } = typeInfo;

    /// <summary>The shape the DTO reads, derived once from its JSON metadata.</summary>
    public PayloadShape Shape { get; } = PayloadShape.From(typeInfo);
}

/// <summary>Every upstream endpoint, looked up by the DTO an answer is read into.</summary>
internal static class VendorEndpoints
{
    public static IReadOnlyList<VendorEndpoint> All { get; } =
    [
        new(Vendor.CcExtractor, "GET /runs/{run_id}", CcExtractorJsonContext.Default.CcExtractorRunDto),
        new(Vendor.CcExtractor, "GET /runs/{run_id}/summary", CcExtractorJsonContext.Default.CcExtractorSummaryDto),
        new(Vendor.NeetoPlaydash, "GET /projects/{project_id}/runs/{run_id}", NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto),
        new(Vendor.TestVibe, "GET /projects/{project}/runs/{runId}", TestVibeJsonContext.Default.TestVibeRunDto),
        new(Vendor.Crewship, "GET /runs/{id}", CrewshipJsonContext.Default.CrewshipRunDto),
    ];

    /// <summary>The endpoint whose answers are read into <paramref name="typeInfo"/>'s type, or null.</summary>
    public static VendorEndpoint? Find(Vendor vendor, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var all = All;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Vendor == vendor && all[i].TypeInfo.Type == typeInfo.Type)
            {
                return all[i];
            }
        }

        return null;
    }
}
