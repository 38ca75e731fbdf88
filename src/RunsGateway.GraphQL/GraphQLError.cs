using System.Collections.ObjectModel;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL;

/// <summary>
/// An immutable GraphQL error as it appears in a response: message, source locations, response path and extensions.
/// </summary>
public sealed class GraphQLError
{
    private static readonly IReadOnlyDictionary<string, object?> EmptyExtensions =
        new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

    /// <summary>Creates an error.</summary>
    /// <param name="message">The human-readable message.</param>
    /// <param name="locations">Source locations (1-based line/column); null means none.</param>
    /// <param name="path">The response path (string keys and int indices); null for request errors.</param>
    /// <param name="extensions">Extension entries (for example <c>code</c>); null means none.</param>
    /// <param name="innerException">The exception that caused the error; never serialized.</param>
    public GraphQLError(
        string message,
        IReadOnlyList<SourceLocation>? locations = null,
        IReadOnlyList<object>? path = null,
        IReadOnlyDictionary<string, object?>? extensions = null,
        Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
        Locations = locations ?? [];
        Path = path;
        Extensions = extensions;
        InnerException = innerException;
    }

    /// <summary>The human-readable message.</summary>
    public string Message { get; }

    /// <summary>Source locations the error refers to; empty when none.</summary>
    public IReadOnlyList<SourceLocation> Locations { get; }

    /// <summary>The response path (string keys and int indices), or null for request errors.</summary>
    public IReadOnlyList<object>? Path { get; }

    /// <summary>Extension entries, or null when the error has none.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>The <c>extensions.code</c> entry when it is a string.</summary>
    public string? Code => Extensions is not null && Extensions.TryGetValue("code", out var code) ? code as string : null;

    /// <summary>The exception that caused this error, if any. Never serialized.</summary>
    public Exception? InnerException { get; }

    /// <summary>Creates an error with a <c>code</c> extension.</summary>
    public static GraphQLError WithCode(string message, string code, IReadOnlyList<SourceLocation>? locations = null, IReadOnlyList<object>? path = null)
        => new(message, locations, path, new Dictionary<string, object?> { ["code"] = code });

    /// <summary>Returns a copy with the given path.</summary>
    public GraphQLError WithPath(IReadOnlyList<object>? path) => new(Message, Locations, path, Extensions, InnerException);

    /// <summary>Returns a copy with the given locations.</summary>
    public GraphQLError WithLocations(IReadOnlyList<SourceLocation>? locations) => new(Message, locations, Path, Extensions, InnerException);

    /// <summary>Returns a copy whose extensions are these extensions merged with <paramref name="extensions"/> (new entries win).</summary>
    public GraphQLError WithExtensions(IReadOnlyDictionary<string, object?>? extensions)
    {
        if (extensions is null || extensions.Count == 0)
        {
            return this;
        }

        var merged = new Dictionary<string, object?>(Extensions ?? EmptyExtensions);
        foreach (var pair in extensions)
        {
            merged[pair.Key] = pair.Value;
        }

        return new(Message, Locations, Path, merged, InnerException);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (Locations.Count == 0)
        {
            return Message;
        }

        var first = Locations[0];
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Message} ({first.Line}:{first.Column})");
    }
}

/// <summary>
/// Thrown by the parser (syntax errors), resolvers and coercion; carries one or more <see cref="GraphQLError"/>.
/// </summary>
public class GraphQLException : Exception
{
    /// <summary>Creates an exception with a generic message and one error carrying it.</summary>
    public GraphQLException()
        : this("A GraphQL error occurred.")
    {
    }

    /// <summary>Creates an exception carrying one error with <paramref name="message"/>.</summary>
    public GraphQLException(string message)
        : base(message)
    {
        Errors = [new GraphQLError(message)];
    }

    /// <summary>Creates an exception carrying one error with <paramref name="message"/> and an inner exception.</summary>
    public GraphQLException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [new GraphQLError(message, innerException: innerException)];
    }

    /// <summary>Creates an exception carrying <paramref name="error"/>.</summary>
    public GraphQLException(GraphQLError error)
        : base(error?.Message, error?.InnerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Errors = [error];
    }

    /// <summary>Creates an exception carrying <paramref name="errors"/> (at least one).</summary>
    public GraphQLException(IEnumerable<GraphQLError> errors)
        : this(Materialize(errors))
    {
    }

    private GraphQLException(GraphQLError[] errors)
        : base(errors.Length > 0 ? errors[0].Message : "A GraphQL error occurred.", errors.Length > 0 ? errors[0].InnerException : null)
    {
        Errors = errors.Length > 0 ? errors : [new GraphQLError(Message)];
    }

    /// <summary>The errors this exception carries (never empty).</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    private static GraphQLError[] Materialize(IEnumerable<GraphQLError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return [.. errors];
    }
}

/// <summary>Stable values of <c>extensions.code</c> used by the engine.</summary>
public static class ErrorCodes
{
    /// <summary>The document is not syntactically valid GraphQL.</summary>
    public const string SyntaxError = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document failed validation.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>The document text exceeds <c>ParserOptions.MaxDocumentLength</c>.</summary>
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";

    /// <summary>The document has more tokens than <c>ParserOptions.MaxTokenCount</c>.</summary>
    public const string TooManyTokens = "TOO_MANY_TOKENS";

    /// <summary>Selection, value or type nesting exceeds the configured maximum depth.</summary>
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";

    /// <summary>The document selects more fields (including aliases) than allowed.</summary>
    public const string TooManyFields = "TOO_MANY_FIELDS";

    /// <summary>The operation type is not allowed for this request (for example a mutation over GET).</summary>
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";

    /// <summary>The requested operation could not be determined (missing or unknown operation name).</summary>
    public const string OperationResolutionFailure = "OPERATION_RESOLUTION_FAILURE";

    /// <summary>Variable values or arguments could not be coerced.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>Introspection was requested but is disabled.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    /// <summary>Execution exceeded its time budget.</summary>
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";

    /// <summary>The response would exceed <c>ExecutionOptions.MaxResultItems</c> or <c>ExecutionOptions.MaxResponseBytes</c>.</summary>
    public const string ResultTooLarge = "RESULT_TOO_LARGE";

    /// <summary>A heavy request found every heavy-request slot taken and the queue full, or waited past the execution timeout.</summary>
    public const string ServerBusy = "SERVER_BUSY";

    /// <summary>The request was malformed (not a GraphQL request).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>An unexpected error occurred inside the engine or a resolver.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
}
