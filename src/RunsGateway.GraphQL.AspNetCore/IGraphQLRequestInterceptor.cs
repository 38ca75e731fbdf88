using Microsoft.AspNetCore.Http;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>
/// Lets the application take part in every GraphQL request over HTTP: seed per-request context data before execution and add
/// response <c>extensions</c> after it (e.g. which upstream sources answered). Registered as a DI service; all registrations run in order.
/// </summary>
public interface IGraphQLRequestInterceptor
{
    /// <summary>Called before execution with the request's mutable context data (visible to resolvers as <c>ContextData</c>).</summary>
    void OnRequest(HttpContext httpContext, IDictionary<string, object?> contextData);

    /// <summary>Called after execution; returns entries to merge into the response's <c>extensions</c>, or null.</summary>
    IReadOnlyDictionary<string, object?>? OnResult(HttpContext httpContext, IReadOnlyDictionary<string, object?> contextData, ExecutionResult result);
}
