using Microsoft.AspNetCore.Http;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

/// <summary>
/// When a request carries <c>X-Intercept</c>, stores its value in the context data before execution and echoes it
/// (read back from the context data) as the response extension <c>intercepted</c>.
/// </summary>
internal sealed class HeaderEchoInterceptor : IGraphQLRequestInterceptor
{
    private const string Key = "test.intercept";

    public void OnRequest(HttpContext httpContext, IDictionary<string, object?> contextData)
    {
        if (httpContext.Request.Headers.TryGetValue("X-Intercept", out var value))
        {
            contextData[Key] = value.ToString();
        }
    }

    public IReadOnlyDictionary<string, object?>? OnResult(HttpContext httpContext, IReadOnlyDictionary<string, object?> contextData, ExecutionResult result)
        => contextData.TryGetValue(Key, out var value)
            ? new Dictionary<string, object?> { ["intercepted"] = value, ["hadData"] = result.HasData }
            : null;
}
