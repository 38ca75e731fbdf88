using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>HTTP caching of GET answers: <c>Cache-Control</c>, a strong <c>ETag</c> and <c>304 Not Modified</c>.</summary>
internal sealed partial class GraphQLHttpHandler
{
    private static async Task WriteCacheableAsync(HttpContext context, ExecutionResult result, TimeSpan maxAge)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            result.WriteTo(writer);
        }

        // The tag covers the data only: extensions (such as which sources answered) differ between calls with equal data.
        var data = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(data, WriterOptions))
        {
            ExecutionResult.FromData(result.Data).WriteTo(writer);
        }

        var etag = "\"" + Base64UrlOf(SHA256.HashData(data.WrittenSpan)) + "\"";
        var response = context.Response;
        response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)maxAge.TotalSeconds}");
        response.Headers.ETag = etag;
        response.Headers.Vary = "Accept";
        if (Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentType = null;
            return;
        }

        try
        {
            await response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while we answered.
        }
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var ours = new EntityTagHeaderValue(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }

    private static string Base64UrlOf(byte[] hash) => Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
