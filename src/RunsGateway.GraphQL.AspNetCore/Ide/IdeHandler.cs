using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RunsGateway.GraphQL.AspNetCore.Http;

namespace RunsGateway.GraphQL.AspNetCore.Ide;

/// <summary>
/// Serves Banana Cake Pop on the GraphQL path: the page at <c>{path}/</c>, its files below it, and
/// <c>{path}/bcp-config.json</c>, which the IDE reads at start-up to preconfigure the endpoint and turn telemetry off.
/// </summary>
internal sealed class IdeHandler(GraphQLHttpOptions options, IdeAssets assets)
{
    /// <summary>The file the IDE fetches next to its page for its preset options.</summary>
    public const string ConfigFileName = "bcp-config.json";

    private const string NotInstalledPage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>GraphQL IDE not installed</title>
        <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f3f3f3;padding:.1rem .3rem}pre{padding:.75rem}</style></head>
        <body>
        <h1>GraphQL endpoint</h1>
        <p>This is a GraphQL endpoint. The Banana Cake Pop IDE is not part of this build, because npm was not available when it was built.</p>
        <p>To add the IDE, install Node.js 20+ with npm, then from the repository root run:</p>
        <pre>bash scripts/npm-setup.sh
        dotnet build</pre>
        <p>Until then, send GraphQL requests with <code>POST</code> and <code>Content-Type: application/json</code>, for example:</p>
        <pre>curl -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' URL</pre>
        </body>
        </html>
        """;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>
    /// True for a browser's page load: it accepts <c>text/html</c> and carries no GraphQL <c>query</c> parameter
    /// (a GET with one is a GraphQL request, whatever it accepts).
    /// </summary>
    public static bool IsBrowserNavigation(HttpRequest request)
        => !request.Query.ContainsKey("query") && MediaTypes.AcceptsHtml(request.Headers.Accept);

    /// <summary>Serves the IDE page (redirecting <c>/graphql</c> to <c>/graphql/</c> so its relative asset URLs resolve below the path).</summary>
    public async Task ServePageAsync(HttpContext context)
    {
        var response = context.Response;
        if (!assets.IsInstalled)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
                await response.WriteAsync(NotInstalledPage.Replace("URL", System.Net.WebUtility.HtmlEncode(url), StringComparison.Ordinal), context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.EndsWith('/'))
        {
            response.StatusCode = StatusCodes.Status302Found;
            response.Headers.Location = $"{context.Request.PathBase}{path}/{context.Request.QueryString}";
            return;
        }

        await ServeAssetAsync(context, "index.html").ConfigureAwait(false);
    }

    /// <summary>Serves one file below the GraphQL path, or the IDE's configuration.</summary>
    public async Task ServeAssetAsync(HttpContext context, string? path)
    {
        var response = context.Response;
        if (string.IsNullOrEmpty(path))
        {
            path = "index.html";
        }

        if (path == ConfigFileName)
        {
            await ServeConfigAsync(context).ConfigureAwait(false);
            return;
        }

        if (!assets.TryGet(path, out var asset))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (IsNotModified(context.Request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await using var content = assets.Open(asset);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = content.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await content.CopyToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ServeConfigAsync(HttpContext context)
    {
        // The config sits at {path}/bcp-config.json, so the GraphQL path is the request path without the file name.
        var requestPath = context.Request.Path.Value ?? string.Empty;
        var graphQLPath = context.Request.PathBase + requestPath[..^ConfigFileName.Length].TrimEnd('/');

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();

            // Resolved by the IDE against the page's URL, so it also works behind proxies and path bases. Subscriptions need
            // nothing more: the IDE's presets carry no subscription settings, and its default "auto" protocol opens a WebSocket
            // on this endpoint offering graphql-transport-ws (falling back to SSE on it), both of which the endpoint speaks.
            writer.WriteBoolean("useBrowserUrlAsEndpoint", true);
            writer.WriteString("endpoint", options.IdeEndpoint ?? graphQLPath);
            writer.WriteBoolean("disableTelemetry", true);
            writer.WriteBoolean("includeCookies", options.IdeIncludeCookies);
            writer.WriteBoolean("useGet", false);
            writer.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaTypes.JsonUtf8;
        response.Headers.CacheControl = "no-cache";
        response.ContentLength = buffer.WrittenCount;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static bool IsNotModified(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Equals(etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
