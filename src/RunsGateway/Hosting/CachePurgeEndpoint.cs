using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RunsGateway.Caching;
using RunsGateway.Core;
using RunsGateway.Loading;
using RunsGateway.Schema;

namespace RunsGateway.Hosting;

/// <summary>
/// <c>DELETE /admin/cache/runs?vendor=CCEXTRACTOR&amp;runId=42[&amp;project=…]</c> with header <c>X-Admin-Key</c>: removes a run and
/// its parts from the cache of every instance (e.g. after CCExtractor restarted a finished run). Disabled (404) unless
/// <c>Cache:PurgeApiKey</c> is set; 503 with code <c>CACHE_UNAVAILABLE</c> when Redis is configured but unavailable.
/// </summary>
internal static class CachePurgeEndpoint
{
    public const string Path = "/admin/cache/runs";

    public static void MapCachePurge(this WebApplication app) => app.MapDelete(Path, PurgeAsync);

    private static async Task<IResult> PurgeAsync(HttpContext http, IOptions<GatewayCacheOptions> options, RunCache cache, string? vendor, string? runId, string? project)
    {
        var key = options.Value.PurgeApiKey;
        if (string.IsNullOrEmpty(key))
        {
            return Results.NotFound();
        }

        var given = http.Request.Headers["X-Admin-Key"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return Results.Json(new PurgeError("UNAUTHORIZED", "A valid X-Admin-Key header is required."), PurgeJsonContext.Default.PurgeError, statusCode: StatusCodes.Status401Unauthorized);
        }

        Vendor? parsed = vendor is not null && VendorExtensions.TryParseSlug(vendor, out var slug) ? slug : null;
        var reference = parsed is { } v ? RunRef.Create(v, runId, string.IsNullOrEmpty(project) ? null : project) : null;
        if (reference is null || !reference.TryGetValue(out var run))
        {
            return Results.Json(new PurgeError("INVALID_RUN_REF", reference?.Error?.Message ?? "vendor must be one of CCEXTRACTOR, NEETOPLAYDASH, TESTVIBE, CREWSHIP."), PurgeJsonContext.Default.PurgeError, statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var notified = await cache.PurgeAsync(run, http.RequestAborted).ConfigureAwait(false);
            return Results.Json(new PurgeResult(run.Key, notified), PurgeJsonContext.Default.PurgeResult);
        }
        catch (RedisUnavailableException ex)
        {
            // Evicted from this instance only: Redis and the other instances still hold the run, so the purge must be retried.
            return Results.Json(
                new PurgeError("CACHE_UNAVAILABLE", ex.Message + " The run was evicted from this instance only; retry the purge when Redis is back."),
                PurgeJsonContext.Default.PurgeError,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <param name="Run">The purged run's key.</param>
/// <param name="NotifiedInstances">How many other gateway instances on the same Redis were told to evict it.</param>
internal sealed record PurgeResult(string Run, long NotifiedInstances);

internal sealed record PurgeError(string Code, string Message);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(PurgeResult))]
[System.Text.Json.Serialization.JsonSerializable(typeof(PurgeError))]
internal sealed partial class PurgeJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
