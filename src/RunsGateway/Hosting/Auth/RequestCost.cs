using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RunsGateway.GraphQL;
using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.GraphQL.Execution;
using RunsGateway.Loading;

namespace RunsGateway.Hosting.Auth;

/// <summary>
/// What one GraphQL operation cost, in the points of <see cref="GatewayRateLimitOptions.CostLimit"/>: 1, plus the distinct upstream
/// resources it counted (<see cref="RequestBudget.Used"/>), plus one per <see cref="GatewayRateLimitOptions.ItemsPerPoint"/> list
/// items of its response (<see cref="ExecutionOptions.MaxResultItems"/> when it failed as too large). Registered only with cost limits on.
/// </summary>
internal sealed class RequestCostInterceptor(IOptions<GatewayRateLimitOptions> limits, IOptions<ExecutionOptions> execution) : IGraphQLRequestInterceptor
{
    /// <summary>The <see cref="HttpContext.Items"/> key the cost is left under for <see cref="CostLimitMiddleware"/>.</summary>
    public static readonly object ItemKey = new();

    public void OnRequest(HttpContext httpContext, IDictionary<string, object?> contextData)
    {
    }

    public IReadOnlyDictionary<string, object?>? OnResult(HttpContext httpContext, IReadOnlyDictionary<string, object?> contextData, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(result);
        if (!httpContext.Items.ContainsKey(ItemKey))
        {
            // The client is exempt (or the request did not pass the middleware): nothing to charge.
            return null;
        }

        var items = result.Errors.Any(e => e.Extensions?.TryGetValue("code", out var code) == true && code as string == ErrorCodes.ResultTooLarge)
            ? execution.Value.MaxResultItems
            : CountListItems(result.Data);
        var upstream = httpContext.RequestServices.GetService<RequestBudget>()?.Used ?? 0;
        var cost = 1L + upstream + (items / limits.Value.ItemsPerPoint);
        httpContext.Items[ItemKey] = (int)Math.Min(cost, int.MaxValue);
        return null;
    }

    /// <summary>The list items anywhere in a response's data.</summary>
    internal static long CountListItems(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.Sum(entry => CountListItems(entry.Value)),
        IReadOnlyList<object?> list => list.Count + list.Sum(CountListItems),
        _ => 0,
    };
}

/// <summary>
/// Refuses GraphQL operations of a client that has spent its cost points (<see cref="ClientCostLimiter"/>) with 429, <c>Retry-After</c>
/// and a JSON body (code <c>RATE_LIMITED</c>), before any of the operation's work; charges each admitted operation what it cost.
/// </summary>
internal sealed class CostLimitMiddleware(RequestDelegate next, ClientCostLimiter limiter, IOptions<GatewayOptions> gateway)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ClientIdentity.IsOperation(context, gateway.Value.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var client = ClientIdentity.Of(context);
        if (limiter.LimitOf(client) == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!limiter.TryAdmit(client, out var retryAfter))
        {
            await GatewayAuthExtensions.WriteRateLimitedAsync(context.Response, retryAfter, "This client has used its request budget", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Asks the interceptor for the operation's cost (an operation that fails before execution costs 1).
        context.Items[RequestCostInterceptor.ItemKey] = 1;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            limiter.Charge(client, context.Items.TryGetValue(RequestCostInterceptor.ItemKey, out var cost) && cost is int points ? points : 1);
        }
    }
}
