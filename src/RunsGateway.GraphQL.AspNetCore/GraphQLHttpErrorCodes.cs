namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Stable <c>extensions.code</c> values of the errors the HTTP transport answers before the engine runs.</summary>
public static class GraphQLHttpErrorCodes
{
    /// <summary>The request is not a well-formed GraphQL-over-HTTP request (missing or mistyped parameter, empty body).</summary>
    public const string BadRequest = ErrorCodes.BadRequest;

    /// <summary>The POST body is not valid JSON (status 400).</summary>
    public const string InvalidJson = "INVALID_JSON";

    /// <summary>The POST body's <c>Content-Type</c> is missing or not <c>application/json</c> (status 415).</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>The <c>Accept</c> header admits no media type the server produces (status 406).</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>The POST body is larger than <see cref="GraphQLHttpOptions.MaxRequestBodySize"/> (status 413).</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The HTTP method is not supported, or a mutation was sent with GET (status 405).</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>An unexpected failure in the server (status 500); details are logged, never returned.</summary>
    public const string InternalServerError = ErrorCodes.InternalServerError;
}
