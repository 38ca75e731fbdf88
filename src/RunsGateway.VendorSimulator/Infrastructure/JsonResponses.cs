using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>Writes JSON bodies with the source-generated metadata.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>What a proxy in front of a vendor sends when it breaks: not JSON, despite the content type.</summary>
    public const string MalformedBody = "{\"status\": \"passed\", \"tests\": [<html><body>502 Bad Gateway</body></html>";

    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteMalformedAsync(HttpContext context, int status, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(MalformedBody, cancellationToken).ConfigureAwait(false);
    }
}
