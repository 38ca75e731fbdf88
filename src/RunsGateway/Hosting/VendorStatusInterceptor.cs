using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.GraphQL.Execution;
using RunsGateway.Loading;

namespace RunsGateway.Hosting;

/// <summary>Adds <c>extensions.vendors</c> to every response: per vendor touched, whether it answered.</summary>
internal sealed class VendorStatusInterceptor : IGraphQLRequestInterceptor
{
    public void OnRequest(HttpContext httpContext, IDictionary<string, object?> contextData) =>
        contextData[VendorStatusTracker.ContextKey] = httpContext.RequestServices.GetRequiredService<VendorStatusTracker>();

    public IReadOnlyDictionary<string, object?>? OnResult(HttpContext httpContext, IReadOnlyDictionary<string, object?> contextData, ExecutionResult result) =>
        contextData.TryGetValue(VendorStatusTracker.ContextKey, out var value) && value is VendorStatusTracker { IsEmpty: false } tracker
            ? new Dictionary<string, object?> { ["vendors"] = tracker.ToExtension() }
            : null;
}
