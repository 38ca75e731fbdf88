namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>The parameters of a well-formed GraphQL-over-HTTP request.</summary>
/// <param name="Query">The document text (it need not parse to be well-formed).</param>
/// <param name="OperationName">The operation to run, or null.</param>
/// <param name="Variables">The variable values in the engine's runtime representation, or null.</param>
/// <param name="Extensions">The request extensions in the engine's runtime representation, or null.</param>
internal sealed record GraphQLRequestParameters(
    string Query,
    string? OperationName,
    IReadOnlyDictionary<string, object?>? Variables,
    IReadOnlyDictionary<string, object?>? Extensions);
