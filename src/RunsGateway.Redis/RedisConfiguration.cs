using System.Globalization;
using System.Net.Security;
using System.Text;

namespace RunsGateway.Redis;

/// <summary>Which RESP version the client asks for.</summary>
public enum RedisProtocol
{
    /// <summary>RESP2 only (no <c>HELLO</c>).</summary>
    Resp2 = 2,

    /// <summary>RESP3 through <c>HELLO 3</c>, falling back to RESP2 when the server refuses.</summary>
    Resp3 = 3,
}

/// <summary>
/// Where and how to connect: parsed from a StackExchange.Redis-style configuration string
/// (<c>host:port,password=…,user=…,ssl=true,defaultDatabase=N,connectTimeout=…,syncTimeout=…</c>) or a
/// <c>redis://</c>/<c>rediss://</c> URL. <see cref="ToString"/> never includes the password.
/// </summary>
public sealed class RedisConfiguration
{
    /// <summary>The port used when none is given.</summary>
    public const int DefaultPort = 6379;

    // Keys StackExchange.Redis accepts that make no difference to a single-endpoint client; accepted so existing settings keep working.
    private static readonly HashSet<string> IgnoredKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "abortConnect", "allowAdmin", "connectRetry", "keepAlive", "resolveDns", "checkCertificateRevocation",
        "sslProtocols", "tiebreaker", "version", "configChannel", "serviceName", "configCheckSeconds",
        "responseTimeout", "setlib", "highPrioritySocketThreads", "proxy", "channelPrefix", "heartbeatInterval",
        "writeBuffer", "syncTimeoutMilliseconds",
    };

    /// <summary>Gets the server host name or IP address.</summary>
    /// <value>The default value is <c>localhost</c>.</value>
    public string Host { get; init; } = "localhost";

    /// <summary>Gets the server port.</summary>
    /// <value>The default value is 6379.</value>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Gets the ACL user name; null authenticates as the default user.</summary>
    public string? User { get; init; }

    /// <summary>Gets the password sent with <c>AUTH</c>; never printed.</summary>
    public string? Password { get; init; }

    /// <summary>Gets a value indicating whether the connection uses TLS.</summary>
    /// <value>The default value is false.</value>
    public bool Ssl { get; init; }

    /// <summary>Gets the host name expected on the server certificate; null uses <see cref="Host"/>.</summary>
    public string? SslHost { get; init; }

    /// <summary>Gets the path of a PEM file with the certificate authority that signed the server certificate, for private CAs.</summary>
    public string? SslCaPath { get; init; }

    /// <summary>Gets a callback that validates the server certificate instead of the platform's rules.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Gets the database selected after connecting.</summary>
    /// <value>The default value is 0.</value>
    public int DefaultDatabase { get; init; }

    /// <summary>Gets the time allowed to connect, including TLS and the handshake.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the time a command may wait for its reply before it fails with <see cref="RedisTimeoutException"/>.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the client name set on the server (<c>CLIENT SETNAME</c>).</summary>
    public string? ClientName { get; init; }

    /// <summary>Gets the protocol requested.</summary>
    /// <value>The default value is <see cref="RedisProtocol.Resp3"/> (falling back to RESP2).</value>
    public RedisProtocol Protocol { get; init; } = RedisProtocol.Resp3;

    /// <summary>Gets the first delay between reconnection attempts; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    /// <value>The default value is 50 milliseconds.</value>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets the longest delay between reconnection attempts.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the endpoint as <c>host:port</c> (IPv6 in brackets), for messages.</summary>
    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses a configuration string or URL; the message of the exception names the offending key, never a value.</summary>
    /// <exception cref="FormatException">The text is not a valid configuration.</exception>
    public static RedisConfiguration Parse(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return TryParse(configuration, out var parsed, out var error) ? parsed : throw new FormatException(error);
    }

    /// <summary>Parses a configuration string or URL without throwing.</summary>
    public static bool TryParse(string? configuration, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RedisConfiguration? result, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(configuration))
        {
            error = "The Redis configuration is empty.";
            return false;
        }

        var text = configuration.Trim();
        return text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase)
            ? TryParseUrl(text, out result, out error)
            : TryParseOptions(text, out result, out error);
    }

    /// <summary>Returns the configuration as a configuration string with the password replaced by <c>*****</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Endpoint);
        if (User is not null)
        {
            builder.Append(",user=").Append(User);
        }

        if (Password is not null)
        {
            builder.Append(",password=*****");
        }

        if (Ssl)
        {
            builder.Append(",ssl=true");
        }

        if (SslHost is not null)
        {
            builder.Append(",sslHost=").Append(SslHost);
        }

        if (DefaultDatabase != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $",defaultDatabase={DefaultDatabase}");
        }

        if (ClientName is not null)
        {
            builder.Append(",name=").Append(ClientName);
        }

        builder.Append(CultureInfo.InvariantCulture, $",connectTimeout={(long)ConnectTimeout.TotalMilliseconds}");
        builder.Append(CultureInfo.InvariantCulture, $",syncTimeout={(long)CommandTimeout.TotalMilliseconds}");
        builder.Append(Protocol == RedisProtocol.Resp2 ? ",protocol=resp2" : ",protocol=resp3");
        return builder.ToString();
    }

    private sealed class Builder
    {
        public string? Host;
        public int Port = DefaultPort;
        public string? User;
        public string? Password;
        public bool Ssl;
        public string? SslHost;
        public string? SslCaPath;
        public int Database;
        public TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
        public TimeSpan? SyncTimeout;
        public TimeSpan? AsyncTimeout;
        public string? Name;
        public RedisProtocol Protocol = RedisProtocol.Resp3;

        public RedisConfiguration Build() => new()
        {
            Host = Host ?? "localhost",
            Port = Port,
            User = User,
            Password = Password,
            Ssl = Ssl,
            SslHost = SslHost,
            SslCaPath = SslCaPath,
            DefaultDatabase = Database,
            ConnectTimeout = ConnectTimeout,

            // Every command here is asynchronous, so asyncTimeout (when given) is the one that applies.
            CommandTimeout = AsyncTimeout ?? SyncTimeout ?? TimeSpan.FromSeconds(5),
            ClientName = Name,
            Protocol = Protocol,
        };

        public string? Apply(string key, string value)
        {
            switch (key.ToUpperInvariant())
            {
                case "PASSWORD":
                    Password = value;
                    return null;
                case "USER":
                    User = value.Length == 0 ? null : value;
                    return null;
                case "SSL":
                    return TryBool(value, out Ssl) ? null : Invalid(key, "true or false");
                case "SSLHOST":
                    SslHost = value;
                    return null;
                case "SSLCAPATH":
                    SslCaPath = value;
                    return null;
                case "DEFAULTDATABASE":
                    return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out Database) ? null : Invalid(key, "a non-negative integer");
                case "CONNECTTIMEOUT":
                    return TryMilliseconds(value, out ConnectTimeout) ? null : Invalid(key, "a positive number of milliseconds");
                case "SYNCTIMEOUT":
                    {
                        var ok = TryMilliseconds(value, out var timeout);
                        SyncTimeout = timeout;
                        return ok ? null : Invalid(key, "a positive number of milliseconds");
                    }

                case "ASYNCTIMEOUT":
                    {
                        var ok = TryMilliseconds(value, out var timeout);
                        AsyncTimeout = timeout;
                        return ok ? null : Invalid(key, "a positive number of milliseconds");
                    }

                case "NAME":
                    Name = value;
                    return null;
                case "PROTOCOL":
                    switch (value.ToUpperInvariant())
                    {
                        case "RESP2" or "2":
                            Protocol = RedisProtocol.Resp2;
                            return null;
                        case "RESP3" or "3":
                            Protocol = RedisProtocol.Resp3;
                            return null;
                        default:
                            return Invalid(key, "resp2 or resp3");
                    }

                default:
                    return IgnoredKeys.Contains(key) ? null : $"The Redis configuration has an unknown option '{key}'.";
            }
        }

        private static string Invalid(string key, string expected) => $"The Redis configuration option '{key}' must be {expected}.";

        private static bool TryBool(string value, out bool result) => bool.TryParse(value, out result);

        private static bool TryMilliseconds(string value, out TimeSpan result)
        {
            var ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0;
            result = TimeSpan.FromMilliseconds(ok ? milliseconds : 1);
            return ok;
        }
    }

    private static bool TryParseOptions(string text, out RedisConfiguration? result, out string? error)
    {
        result = null;
        var builder = new Builder();
        var endpoints = 0;
        foreach (var rawToken in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = rawToken.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                // Values are never echoed: a stray token may well be a password missing its 'password='.
                if (++endpoints > 1)
                {
                    error = "The Redis configuration names more than one endpoint; only a single endpoint is supported.";
                    return false;
                }

                if (!TryParseEndpoint(rawToken, out builder.Host, out builder.Port))
                {
                    error = "The Redis configuration has an invalid endpoint; expected host or host:port.";
                    return false;
                }

                continue;
            }

            var key = rawToken[..equals].Trim();
            var value = rawToken[(equals + 1)..].Trim();
            if (key.Length == 0)
            {
                error = "The Redis configuration has an option without a name.";
                return false;
            }

            if (builder.Apply(key, value) is { } problem)
            {
                error = problem;
                return false;
            }
        }

        if (endpoints == 0)
        {
            error = "The Redis configuration names no endpoint; expected host:port.";
            return false;
        }

        result = builder.Build();
        error = null;
        return true;
    }

    private static bool TryParseUrl(string text, out RedisConfiguration? result, out string? error)
    {
        result = null;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..];

        // Split the credentials off by hand at the last '@': passwords often contain '@', '/' or '?' unescaped,
        // which would make a URI parser fail or, worse, echo them in its error.
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

        var builder = new Builder
        {
            Host = uri.DnsSafeHost,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            Ssl = scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase),
        };

        if (!string.IsNullOrEmpty(userInfo))
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                builder.User = Uri.UnescapeDataString(userInfo);
            }
            else
            {
                var user = Uri.UnescapeDataString(userInfo[..colon]);
                builder.User = user.Length == 0 ? null : user;
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && !int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out builder.Database))
        {
            error = "The Redis URL path must be a database number.";
            return false;
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

            if (builder.Apply(key, value) is { } problem)
            {
                error = problem;
                return false;
            }
        }

        result = builder.Build();
        error = null;
        return true;
    }

    private static bool TryParseEndpoint(string token, out string? host, out int port)
    {
        host = token;
        port = DefaultPort;
        if (token.StartsWith('['))
        {
            var close = token.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = token[1..close];
            var rest = token[(close + 1)..];
            return rest.Length == 0 || (rest[0] == ':' && TryPort(rest[1..], out port));
        }

        var colon = token.LastIndexOf(':');
        if (colon < 0)
        {
            return host.Length > 0;
        }

        if (token.IndexOf(':', StringComparison.Ordinal) != colon)
        {
            // A bare IPv6 address without brackets has no port.
            return true;
        }

        host = token[..colon];
        return host.Length > 0 && TryPort(token[(colon + 1)..], out port);
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
