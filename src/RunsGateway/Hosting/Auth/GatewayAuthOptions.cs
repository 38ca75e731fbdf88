namespace RunsGateway.Hosting.Auth;

/// <summary>How clients of <c>/graphql</c> prove who they are.</summary>
public enum GatewayAuthMode
{
    /// <summary>Anyone may run operations (the demo default).</summary>
    None,

    /// <summary>An <c>X-Api-Key</c> header naming one of <see cref="GatewayAuthOptions.ApiKeys"/>.</summary>
    ApiKey,

    /// <summary>An <c>Authorization: Bearer</c> JWT from <see cref="GatewayAuthOptions.Authority"/> for <see cref="GatewayAuthOptions.Audience"/>.</summary>
    Jwt,
}

/// <summary>Client authentication (configuration section <c>Gateway:Auth</c>).</summary>
public sealed class GatewayAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Auth";

    /// <summary>The header API keys are sent in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The authentication mode: <c>none</c>, <c>apikey</c> or <c>jwt</c>.</summary>
    /// <value>The default value is <see cref="GatewayAuthMode.None"/>.</value>
    public GatewayAuthMode Mode { get; set; } = GatewayAuthMode.None;

    /// <summary>API keys by client name (<c>Gateway:Auth:ApiKeys:&lt;name&gt;</c>); the name, never the key, appears in logs and metrics.</summary>
    /// <value>The default value is no keys.</value>
    public IDictionary<string, string> ApiKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The token issuer whose OpenID metadata and signing keys JWTs are checked against (jwt mode).</summary>
    /// <value>The default value is null.</value>
    public string? Authority { get; set; }

    /// <summary>The audience JWTs must be issued for (jwt mode).</summary>
    /// <value>The default value is null.</value>
    public string? Audience { get; set; }

    /// <summary>Whether the authority's metadata must be fetched over HTTPS (turn off only for a loopback test issuer).</summary>
    /// <value>The default value is true.</value>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The problem with this configuration, naming the key, or null when it is usable.</summary>
    public string? Problem() => Mode switch
    {
        GatewayAuthMode.ApiKey when ApiKeys.Count == 0 => "Gateway:Auth:Mode is apikey but no Gateway:Auth:ApiKeys:<name> is set.",
        GatewayAuthMode.ApiKey when ApiKeys.Any(k => string.IsNullOrWhiteSpace(k.Value) || k.Value.Length < 16) => "Every Gateway:Auth:ApiKeys:<name> must be at least 16 characters long.",
        GatewayAuthMode.Jwt when string.IsNullOrWhiteSpace(Authority) => "Gateway:Auth:Mode is jwt but Gateway:Auth:Authority is not set.",
        GatewayAuthMode.Jwt when string.IsNullOrWhiteSpace(Audience) => "Gateway:Auth:Mode is jwt but Gateway:Auth:Audience is not set.",
        _ => null,
    };
}
