using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace RunsGateway.Caching;

/// <summary>
/// Reads <c>ConnectionStrings:Redis</c>: StackExchange.Redis's own format (<c>host:port,password=…,ssl=true,defaultDatabase=N</c>)
/// or a <c>redis://</c> / <c>rediss://</c> URL, which is converted first because StackExchange.Redis does not parse URLs (it would
/// take the whole URL, password included, as a host name). Error messages name the problem, never a value.
/// </summary>
internal static class RedisConnectionString
{
    /// <summary>The port used when none is given.</summary>
    public const int DefaultPort = 6379;

    /// <summary>Parses a connection string or URL.</summary>
    /// <exception cref="FormatException">The text is not a valid configuration; the message holds no value from it.</exception>
    public static ConfigurationOptions Parse(string text) =>
        TryParse(text, out var options, out var error) ? options : throw new FormatException(error);

    /// <summary>Parses a connection string or URL without throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ConfigurationOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The Redis connection string is empty.";
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryConvertUrl(trimmed, out var converted, out error))
            {
                return false;
            }

            trimmed = converted;
        }

        try
        {
            options = ConfigurationOptions.Parse(trimmed);
        }
        catch (ArgumentException ex)
        {
            // StackExchange.Redis's message may quote the offending value (which could be a misplaced password): keep only the option name.
            var keyword = System.Text.RegularExpressions.Regex.Match(ex.Message, "Keyword '([^']{1,64})'", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            error = keyword.Success
                ? $"The Redis connection string has an invalid or unsupported option '{keyword.Groups[1].Value}'."
                : "The Redis connection string is not valid; expected host:port,option=value,….";
            return false;
        }

        if (options.EndPoints.Count == 0)
        {
            error = "The Redis connection string names no endpoint; expected host:port.";
            options = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The configuration as text with the password left out, for logs, errors and health reports.</summary>
    public static string Redact(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ToString(includePassword: false);
    }

    /// <summary>
    /// Converts <c>redis[s]://[[user]:password@]host[:port][/database][?option=value&amp;…]</c> to StackExchange.Redis's format.
    /// </summary>
    internal static bool TryConvertUrl(string url, [NotNullWhen(true)] out string? configuration, [NotNullWhen(false)] out string? error)
    {
        configuration = null;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var tls = url[..schemeEnd].Equals("rediss", StringComparison.OrdinalIgnoreCase);
        var rest = url[(schemeEnd + 3)..];

        // Split the credentials off by hand at the last '@': passwords often hold '@', '/' or '?' unescaped, which would make a URI
        // parser fail or, worse, echo them in its error.
        string? userInfo = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            userInfo = rest[..at];
            rest = rest[(at + 1)..];
        }

        if (!Uri.TryCreate("redis://" + rest, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = "The Redis URL is not valid; expected redis[s]://[[user]:password@]host[:port][/database].";
            return false;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? "[" + uri.DnsSafeHost + "]" : uri.DnsSafeHost;
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var builder = new StringBuilder().Append(host).Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        if (tls)
        {
            builder.Append(",ssl=true");
        }

        if (!string.IsNullOrEmpty(userInfo))
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (user.Length > 0 && !TryAppend(builder, "user", user, out error))
            {
                return false;
            }

            if (colon >= 0 && !TryAppend(builder, "password", Uri.UnescapeDataString(userInfo[(colon + 1)..]), out error))
            {
                return false;
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database))
            {
                error = "The Redis URL path must be a database number.";
                return false;
            }

            builder.Append(",defaultDatabase=").Append(database.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (key.Equals("db", StringComparison.OrdinalIgnoreCase))
            {
                key = "defaultDatabase";
            }

            if (!TryAppend(builder, key, value, out error))
            {
                return false;
            }
        }

        configuration = builder.ToString();
        error = null;
        return true;
    }

    private static bool TryAppend(StringBuilder builder, string key, string value, [NotNullWhen(false)] out string? error)
    {
        // The target format separates options with ',' and keys from values with '='; a value holding either cannot be expressed.
        if (key.Length == 0 || key.AsSpan().IndexOfAny(',', '=') >= 0 || value.Contains(',', StringComparison.Ordinal))
        {
            error = $"The Redis URL has an option{(key.Length == 0 ? string.Empty : $" '{Sanitize(key)}'")} whose value contains ','; use the host:port,option=value form instead.";
            return false;
        }

        builder.Append(',').Append(key).Append('=').Append(value);
        error = null;
        return true;
    }

    private static string Sanitize(string key) => key is "password" or "user" ? key : key.Length > 32 ? key[..32] : key;
}
