namespace RunsGateway.GraphQL.Language;

/// <summary>Limits that bound the work the parser does on hostile input.</summary>
public sealed class ParserOptions
{
    /// <summary>Default maximum document length in characters (1 MiB of UTF-16 code units).</summary>
    public const int DefaultMaxDocumentLength = 1024 * 1024;

    /// <summary>Default maximum number of tokens.</summary>
    public const int DefaultMaxTokenCount = 50_000;

    /// <summary>Default maximum nesting of selection sets, list/object values and list types.</summary>
    public const int DefaultMaxDepth = 128;

    /// <summary>The default options, shared.</summary>
    public static ParserOptions Default { get; } = new();

    /// <summary>
    /// Options for trusted input such as a schema's SDL shipped with the application: no length or token limit,
    /// nesting still bounded so that the recursive-descent parser cannot exhaust the stack.
    /// </summary>
    public static ParserOptions Trusted { get; } = new() { MaxDocumentLength = int.MaxValue, MaxTokenCount = int.MaxValue, MaxDepth = 512 };

    /// <summary>Maximum document length in characters; longer documents fail with <see cref="ErrorCodes.DocumentTooLarge"/>.</summary>
    public int MaxDocumentLength { get; init; } = DefaultMaxDocumentLength;

    /// <summary>Maximum number of tokens (punctuators, names, numbers, strings); more fail with <see cref="ErrorCodes.TooManyTokens"/>.</summary>
    public int MaxTokenCount { get; init; } = DefaultMaxTokenCount;

    /// <summary>
    /// Maximum nesting depth of selection sets, list and object values and list types; deeper documents fail with
    /// <see cref="ErrorCodes.MaxDepthExceeded"/>.
    /// </summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;
}
