namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Persisted operations: automatic persisted queries (APQ) and trusted documents.</summary>
public sealed class GraphQLPersistedOperationOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "GraphQL:PersistedOperations";

    /// <summary>
    /// Gets or sets whether clients may register documents by sending <c>extensions.persistedQuery</c> with the document
    /// (Apollo's automatic persisted queries); a hash alone is always looked up.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableAutomaticPersistedQueries { get; set; } = true;

    /// <summary>
    /// Gets or sets a directory of trusted documents, <c>&lt;sha256 hex&gt;.graphql</c> files read at start (a file whose
    /// content does not hash to its name stops the start).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (none).</value>
    public string? Directory { get; set; }

    /// <summary>
    /// Gets or sets whether only persisted documents run: any other document (and any APQ registration) is refused with
    /// <c>PERSISTED_QUERY_ONLY</c>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OnlyPersisted { get; set; }

    /// <summary>
    /// Gets or sets whether introspection documents (selecting only <c>__schema</c>, <c>__type</c> and <c>__typename</c>)
    /// still run when <see cref="OnlyPersisted"/> is on, so the IDE keeps working.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AllowIntrospectionWhenOnlyPersisted { get; set; } = true;
}
