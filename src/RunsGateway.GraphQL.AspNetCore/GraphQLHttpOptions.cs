namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Options of the GraphQL-over-HTTP transport and the Banana Cake Pop IDE it serves.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "GraphQL:Http";

    /// <summary>Gets or sets the largest accepted POST body in bytes; larger bodies are answered with 413.</summary>
    /// <value>The default value is 1 MiB (1048576).</value>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets whether queries may be sent with GET (mutations never may).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AllowGetRequests { get; set; } = true;

    /// <summary>Gets or sets whether a browser (GET with <c>Accept: text/html</c>) on the GraphQL path gets Banana Cake Pop.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableIde { get; set; } = true;

    /// <summary>
    /// Gets or sets the GraphQL endpoint the IDE is preconfigured to, absolute or relative to the IDE's page;
    /// <see langword="null"/> means the path the IDE is served on.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? IdeEndpoint { get; set; }

    /// <summary>Gets or sets whether the IDE sends the browser's cookies with its GraphQL requests.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IdeIncludeCookies { get; set; }

    /// <summary>Creates a copy, so an endpoint can adjust its own options without touching the shared ones.</summary>
    internal GraphQLHttpOptions Clone() => (GraphQLHttpOptions)MemberwiseClone();
}
