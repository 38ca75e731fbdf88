namespace RunsGateway.GraphQL.Execution;

/// <summary>Limits and switches of a <see cref="RequestExecutor"/>.</summary>
public sealed class ExecutionOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "GraphQL:Execution";

    /// <summary>The maximum length of a document in characters (code <c>DOCUMENT_TOO_LARGE</c>).</summary>
    /// <value>The default value is 100 000.</value>
    public int MaxDocumentLength { get; set; } = 100_000;

    /// <summary>The maximum number of lexical tokens of a document (code <c>TOO_MANY_TOKENS</c>).</summary>
    /// <value>The default value is 15 000.</value>
    public int MaxTokenCount { get; set; } = 15_000;

    /// <summary>The maximum nesting of fields in an operation, fragments expanded (code <c>MAX_DEPTH_EXCEEDED</c>).</summary>
    /// <value>The default value is 32 (the standard introspection query needs 13).</value>
    public int MaxSelectionDepth { get; set; } = 32;

    /// <summary>The maximum number of fields and aliases an operation selects, fragments expanded (code <c>TOO_MANY_FIELDS</c>).</summary>
    /// <value>The default value is 2 000.</value>
    public int MaxFieldCount { get; set; } = 2_000;

    /// <summary>The time budget of one execution (code <c>EXECUTION_TIMEOUT</c>); null or zero disables it.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan? ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The maximum number of list items one response may hold, counted across all lists and aliases (code <c>RESULT_TOO_LARGE</c>);
    /// 0 disables the limit.
    /// </summary>
    /// <value>The default value is 50 000.</value>
    public int MaxResultItems { get; set; } = 50_000;

    /// <summary>
    /// The maximum estimated size of one response in bytes, counted from its leaf values and keys as they complete (code
    /// <c>RESULT_TOO_LARGE</c>); 0 disables the limit.
    /// </summary>
    /// <value>The default value is 16 MiB.</value>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// The field comparisons validation may make for one document before it gives up with "Validation aborted" (the field-merge
    /// rule is quadratic in the fields of overlapping fragments); bounds the CPU a hostile document can cost.
    /// </summary>
    /// <value>The default value is 100 000.</value>
    public long MaxValidationComparisons { get; set; } = 100_000;

    /// <summary>
    /// An operation that selects more than this many fields (fragments expanded, aliases counted) is a heavy request: at most
    /// <see cref="MaxConcurrentHeavyRequests"/> of them execute at once, so that a few large documents cannot take every core from
    /// ordinary traffic; 0 makes no request heavy.
    /// </summary>
    /// <value>The default value is 500 (a dashboard of 50 runs with 10 fields each is 500 fields).</value>
    public int HeavyFieldCount { get; set; } = 500;

    /// <summary>How many heavy requests (see <see cref="HeavyFieldCount"/>) may execute at once.</summary>
    /// <value>The default value is half the processors, at least 1.</value>
    public int MaxConcurrentHeavyRequests { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// How many heavy requests may wait for their turn; past it, and after waiting <see cref="ExecutionTimeout"/>, a heavy request
    /// fails at once with code <c>SERVER_BUSY</c>.
    /// </summary>
    /// <value>The default value is 64.</value>
    public int MaxQueuedHeavyRequests { get; set; } = 64;

    /// <summary>Whether <c>__schema</c> and <c>__type</c> may be queried (code <c>INTROSPECTION_DISABLED</c> when not).</summary>
    /// <value>The default value is true.</value>
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>How many parsed and validated documents are kept (least recently used are evicted); 0 disables caching.</summary>
    /// <value>The default value is 256.</value>
    public int DocumentCacheSize { get; set; } = 256;

    /// <summary>Whether messages of unexpected resolver exceptions appear in responses (otherwise a generic message).</summary>
    /// <value>The default value is false.</value>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>Throws when a value is out of range, naming the option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is not positive (or negative for the cache size).</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDocumentLength, nameof(MaxDocumentLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTokenCount, nameof(MaxTokenCount));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSelectionDepth, nameof(MaxSelectionDepth));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFieldCount, nameof(MaxFieldCount));
        ArgumentOutOfRangeException.ThrowIfNegative(DocumentCacheSize, nameof(DocumentCacheSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxResultItems, nameof(MaxResultItems));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxValidationComparisons, nameof(MaxValidationComparisons));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxResponseBytes, nameof(MaxResponseBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(HeavyFieldCount, nameof(HeavyFieldCount));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentHeavyRequests, nameof(MaxConcurrentHeavyRequests));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxQueuedHeavyRequests, nameof(MaxQueuedHeavyRequests));
        if (ExecutionTimeout is { } timeout && timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ExecutionTimeout), timeout, "The execution timeout must not be negative.");
        }
    }
}

/// <summary>The operation types a request may execute.</summary>
[Flags]
public enum AllowedOperations
{
    /// <summary>No operation.</summary>
    None = 0,

    /// <summary>Query operations.</summary>
    Query = 1,

    /// <summary>Mutation operations.</summary>
    Mutation = 2,

    /// <summary>Subscription operations.</summary>
    Subscription = 4,

    /// <summary>Every operation type.</summary>
    All = Query | Mutation | Subscription,
}

/// <summary>A GraphQL request: document, operation name, variables and per-request state.</summary>
public sealed record GraphQLRequest
{
    /// <summary>The document text.</summary>
    public required string Query { get; init; }

    /// <summary>The operation to run when the document has several.</summary>
    public string? OperationName { get; init; }

    /// <summary>Variable values in the runtime representation (see <see cref="JsonInput"/>).</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>The request's <c>extensions</c> entry.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The root value of query and mutation operations.</summary>
    public object? RootValue { get; init; }

    /// <summary>Services available to resolvers.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Initial per-request state visible to resolvers as <see cref="IResolverContext.ContextData"/>.</summary>
    public IReadOnlyDictionary<string, object?>? ContextData { get; init; }

    /// <summary>The operation types this request may run (for example queries only over HTTP GET).</summary>
    /// <value>The default value is <see cref="AllowedOperations.All"/>.</value>
    public AllowedOperations AllowedOperations { get; init; } = AllowedOperations.All;
}
