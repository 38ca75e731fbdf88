namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Options of the streaming transports: GraphQL over Server-Sent Events and <c>graphql-transport-ws</c>.</summary>
public sealed class GraphQLSubscriptionOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "GraphQL:Subscriptions";

    /// <summary>Gets or sets whether <c>text/event-stream</c> requests are served (GraphQL over SSE, distinct connections mode).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableServerSentEvents { get; set; } = true;

    /// <summary>Gets or sets whether WebSocket requests with the <c>graphql-transport-ws</c> sub-protocol are served.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableWebSockets { get; set; } = true;

    /// <summary>Gets or sets how many operations one WebSocket may run at once.</summary>
    /// <value>The default value is 100.</value>
    public int MaxPerConnection { get; set; } = 100;

    /// <summary>Gets or sets how many streaming operations one client address may run at once, over all its connections.</summary>
    /// <value>The default value is 500.</value>
    public int MaxPerClientAddress { get; set; } = 500;

    /// <summary>Gets or sets how many streaming operations the server runs at once.</summary>
    /// <value>The default value is 10 000.</value>
    public int MaxTotal { get; set; } = 10_000;

    /// <summary>Gets or sets how long a new WebSocket may wait before sending <c>connection_init</c> (then it is closed with 4408).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the interval of SSE keep-alive comments that stop proxies from closing a quiet stream; zero disables them.</summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets the largest accepted WebSocket message in bytes; a larger one closes the socket with 4400.</summary>
    /// <value>The default value is 1 MiB (1048576).</value>
    public int MaxMessageSize { get; set; } = 1024 * 1024;
}
