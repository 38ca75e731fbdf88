namespace RunsGateway.Hosting;

/// <summary>Host-level settings (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Origins allowed to call <c>/graphql</c> from a browser (CORS). Empty means no cross-origin access; <c>*</c> allows any origin.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> CorsOrigins { get; } = [];

    /// <summary>
    /// Whether every request writes one access-log line (method, path, status, duration; category
    /// <c>Microsoft.AspNetCore.HttpLogging</c>). Off by default: at thousands of requests per second it is the largest log producer.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool AccessLog { get; set; }

    /// <summary>The path GraphQL (and the IDE) is served on.</summary>
    /// <value>The default value is <c>/graphql</c>.</value>
    public string Path { get; set; } = "/graphql";
}
