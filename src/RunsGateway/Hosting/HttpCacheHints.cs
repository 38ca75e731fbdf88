using RunsGateway.Caching;
using RunsGateway.Core;
using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.Hosting;

/// <summary>
/// Tells the HTTP transport how long a GET answer may be cached: every field of a run narrows it to that run's cache lifetime
/// when the run is finished (and cacheable), and forbids storing it otherwise.
/// </summary>
internal sealed class HttpCacheHints(GatewayCacheOptions options)
{
    private const string RunType = "Run";

    /// <summary>Wraps the resolvers of <c>Run</c> fields; others are returned as they are.</summary>
    public FieldResolver Decorate(string typeName, FieldResolver resolver) => typeName != RunType ? resolver : context =>
    {
        if (context.Parent is Run run && context.ContextData.TryGetValue(GraphQLHttpContextData.CacheControl, out var value) && value is GraphQLCacheControl cache)
        {
            if (run.IsCacheable)
            {
                cache.CacheFor(options.LifetimeFor(run.Vendor));
            }
            else
            {
                cache.NoStore();
            }
        }

        return resolver(context);
    };
}
