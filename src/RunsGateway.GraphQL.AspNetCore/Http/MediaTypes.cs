using Microsoft.Extensions.Primitives;

namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>Media-type constants and the <c>Accept</c>/<c>Content-Type</c> logic of the GraphQL-over-HTTP spec.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string GraphQLResponseJsonUtf8 = "application/graphql-response+json; charset=utf-8";
    public const string JsonUtf8 = "application/json; charset=utf-8";
    public const string Html = "text/html";

    /// <summary>The <c>Content-Type</c> value written for <paramref name="mediaType"/>.</summary>
    public static string ContentTypeOf(ResponseMediaType mediaType)
        => mediaType == ResponseMediaType.GraphQLResponseJson ? GraphQLResponseJsonUtf8 : JsonUtf8;

    /// <summary>
    /// Picks the response media type from the <c>Accept</c> header values (RFC 9110 §12.5.1): the type with the higher
    /// quality wins; between equal qualities the more specific match wins; between two exact matches
    /// <c>application/graphql-response+json</c> wins, and between two wildcard matches (<c>*/*</c>, <c>application/*</c>)
    /// <c>application/json</c> wins, which keeps clients that do not know this spec working. No header means
    /// <c>application/json</c>.
    /// </summary>
    public static ResponseMediaType Negotiate(StringValues accept)
    {
        var graphQL = default(Match);
        var json = default(Match);
        var any = false;

        foreach (var headerValue in accept)
        {
            if (headerValue is null)
            {
                continue;
            }

            foreach (var range in new StringTokenizer(headerValue, [',']))
            {
                if (!TryParseRange(range, out var type, out var subtype, out var quality))
                {
                    continue;
                }

                any = true;
                graphQL = graphQL.Consider(Specificity(type, subtype, "graphql-response+json"), quality);
                json = json.Consider(Specificity(type, subtype, "json"), quality);
            }
        }

        if (!any)
        {
            return ResponseMediaType.Json;
        }

        var graphQLQuality = graphQL.Specificity > 0 ? graphQL.Quality : 0;
        var jsonQuality = json.Specificity > 0 ? json.Quality : 0;
        if (graphQLQuality <= 0 && jsonQuality <= 0)
        {
            return ResponseMediaType.None;
        }

        if (graphQLQuality != jsonQuality)
        {
            return graphQLQuality > jsonQuality ? ResponseMediaType.GraphQLResponseJson : ResponseMediaType.Json;
        }

        if (graphQL.Specificity != json.Specificity)
        {
            return graphQL.Specificity > json.Specificity ? ResponseMediaType.GraphQLResponseJson : ResponseMediaType.Json;
        }

        return graphQL.Specificity == ExactMatch ? ResponseMediaType.GraphQLResponseJson : ResponseMediaType.Json;
    }

    /// <summary>The media type of GraphQL over Server-Sent Events.</summary>
    public const string EventStream = "text/event-stream";

    /// <summary>True when one of the <c>Accept</c> media ranges is exactly <c>text/event-stream</c> with a non-zero quality.</summary>
    public static bool AcceptsEventStream(StringValues accept) => AcceptsExactly(accept, "text", "event-stream");

    /// <summary>True when one of the <c>Accept</c> media ranges names <c>text/html</c> with a non-zero quality (a browser).</summary>
    public static bool AcceptsHtml(StringValues accept) => AcceptsExactly(accept, "text", "html");

    private static bool AcceptsExactly(StringValues accept, string wantedType, string wantedSubtype)
    {
        foreach (var headerValue in accept)
        {
            if (headerValue is null)
            {
                continue;
            }

            foreach (var range in new StringTokenizer(headerValue, [',']))
            {
                if (TryParseRange(range, out var type, out var subtype, out var quality)
                    && quality > 0
                    && type.Equals(wantedType, StringComparison.OrdinalIgnoreCase)
                    && subtype.Equals(wantedSubtype, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Checks a POST <c>Content-Type</c>: <c>application/json</c>, with no charset or a UTF-8 one (the spec's
    /// recognised request media type, UTF-8 assumed when unspecified).
    /// </summary>
    public static bool IsSupportedRequestContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var segments = new StringTokenizer(contentType, [';']);
        var first = true;
        foreach (var segment in segments)
        {
            var trimmed = segment.Trim();
            if (first)
            {
                first = false;
                if (!trimmed.Equals(Json, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                continue;
            }

            var equals = trimmed.IndexOf('=', 0);
            if (equals <= 0)
            {
                continue;
            }

            var name = trimmed.Subsegment(0, equals).Trim();
            if (name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                var value = trimmed.Subsegment(equals + 1).Trim().Value!.Trim('"');
                if (!value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !value.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private const int ExactMatch = 3;

    /// <summary>How specifically a media range matches <c>application/{subtype}</c>: 0 none, 1 */*, 2 application/*, 3 exact.</summary>
    private static int Specificity(StringSegment type, StringSegment subtype, string wantedSubtype)
    {
        if (type.Equals("*", StringComparison.Ordinal))
        {
            return subtype.Equals("*", StringComparison.Ordinal) ? 1 : 0;
        }

        if (!type.Equals("application", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (subtype.Equals("*", StringComparison.Ordinal))
        {
            return 2;
        }

        return subtype.Equals(wantedSubtype, StringComparison.OrdinalIgnoreCase) ? ExactMatch : 0;
    }

    private static bool TryParseRange(StringSegment range, out StringSegment type, out StringSegment subtype, out double quality)
    {
        type = default;
        subtype = default;
        quality = 1;

        var parameters = new StringTokenizer(range, [';']);
        var first = true;
        foreach (var part in parameters)
        {
            var trimmed = part.Trim();
            if (first)
            {
                first = false;
                var slash = trimmed.IndexOf('/', 0);
                if (slash <= 0 || slash == trimmed.Length - 1)
                {
                    return false;
                }

                type = trimmed.Subsegment(0, slash).Trim();
                subtype = trimmed.Subsegment(slash + 1).Trim();
                continue;
            }

            var equals = trimmed.IndexOf('=', 0);
            if (equals > 0
                && trimmed.Subsegment(0, equals).Trim().Equals("q", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed.Subsegment(equals + 1).Trim().AsSpan(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q))
            {
                quality = Math.Clamp(q, 0, 1);
            }
        }

        return !first;
    }

    /// <summary>The best (most specific, then highest quality) range matching one media type.</summary>
    private readonly record struct Match(int Specificity, double Quality)
    {
        public Match Consider(int specificity, double quality)
        {
            if (specificity == 0 || specificity < Specificity)
            {
                return this;
            }

            if (specificity > Specificity)
            {
                return new Match(specificity, quality);
            }

            return quality > Quality ? new Match(specificity, quality) : this;
        }
    }
}
