using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using RunsGateway.Caching;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Hosting;

/// <summary>
/// <c>GET /admin/vendors/drift</c> with header <c>X-Admin-Key</c>: the distinct vendor drift findings of this instance (vendor, endpoint,
/// field path, kind, first and last seen, count, an example run). Behind the same admin key as the cache purge; 404 unless it is set.
/// </summary>
internal static class VendorDriftEndpoint
{
    public const string Path = "/admin/vendors/drift";

    public static void MapVendorDrift(this WebApplication app) => app.MapGet(Path, List);

    private static IResult List(HttpContext http, IOptions<GatewayCacheOptions> options, IVendorDriftReport report)
    {
        var key = options.Value.PurgeApiKey;
        if (string.IsNullOrEmpty(key))
        {
            return Results.NotFound();
        }

        var given = http.Request.Headers["X-Admin-Key"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return Results.Json(new DriftListingError("UNAUTHORIZED", "A valid X-Admin-Key header is required."), DriftJsonContext.Default.DriftListingError, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new DriftListing(report.Findings()), DriftJsonContext.Default.DriftListing);
    }
}

internal sealed record DriftListing(IReadOnlyList<VendorDriftFinding> Findings);

internal sealed record DriftListingError(string Code, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DriftListing))]
[JsonSerializable(typeof(DriftListingError))]
internal sealed partial class DriftJsonContext : JsonSerializerContext;
