using Microsoft.Extensions.Options;
using RunsGateway.Caching;
using RunsGateway.Core;
using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.Hosting;

/// <summary>
/// Tells the HTTP transport how long a GET answer may be cached: each run a root field returns narrows it to that run's cache
/// lifetime when the run is finished (and cacheable); anything else (a running or missing run, a spec or test node) forbids storing it.
/// </summary>
internal static class HttpCacheHints
{
    public static void Record(IResolverContext context, object? value)
    {
        if (!context.ContextData.TryGetValue(GraphQLHttpContextData.CacheControl, out var hint) || hint is not GraphQLCacheControl cache)
        {
            return;
        }

        if (value is Run { IsCacheable: true } run && context.Services?.GetService<IOptions<GatewayCacheOptions>>() is { } options)
        {
            cache.CacheFor(options.Value.LifetimeFor(run.Vendor));
        }
        else
        {
            cache.NoStore();
        }
    }
}
