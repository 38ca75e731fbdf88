using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.Live;

/// <summary>
/// <c>Subscription.runChanged</c>: the source stream comes from the shared pollers, each event resolves to the run. A poller
/// hands the same event to all its subscribers and a run's data is the same for every client, so subscriptions with the same
/// operation share one execution per event; a subscriber is sent an event only when what it selected changed.
/// </summary>
internal sealed class LiveRunResolvers(LiveRuns liveRuns)
{
    private const string SubscriptionType = "Subscription";
    private const string RunChangedField = "runChanged";

    /// <summary>Binds the subscription fields to <paramref name="builder"/>.</summary>
    public SchemaBuilder AddTo(SchemaBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddSubscription(SubscriptionType, RunChangedField, Subscribe, SubscriptionEventOptions.SkipUnchanged | SubscriptionEventOptions.ShareExecution)
            .AddResolver(SubscriptionType, RunChangedField, ResolveEvent);
    }

    private ValueTask<IAsyncEnumerable<object?>> Subscribe(IResolverContext context)
    {
        var reference = ParseRef(context);
        return new ValueTask<IAsyncEnumerable<object?>>(liveRuns.WatchAsync(reference));
    }

    /// <summary>A failed poll is an error on the field (with the vendor's typed code); the subscription stays open.</summary>
    private static object? ResolveEvent(IResolverContext context) => context.Parent switch
    {
        RunEvent { Error: { } error } => throw VendorErrors.ToException(error),
        RunEvent item => item.Run,
        _ => null,
    };

    /// <summary>A <c>Vendor</c> argument: the bound enum value, or its GraphQL name (the vendor's slug in upper case).</summary>
    private static Vendor? ParseVendor(object? value) => value switch
    {
        Vendor vendor => vendor,
        string name when VendorExtensions.TryParseSlug(name, out var vendor) => vendor,
        _ => null,
    };

    private static RunRef ParseRef(IResolverContext context)
    {
        if (ParseVendor(context.Arguments.GetValueOrDefault("vendor")) is not { } vendor)
        {
            throw VendorErrors.Invalid(VendorErrors.InvalidRunRef, "A run reference needs a vendor: CCEXTRACTOR, NEETOPLAYDASH, TESTVIBE or CREWSHIP.");
        }

        var result = RunRef.Create(vendor, context.ArgumentValue<string>("runId"), context.ArgumentValue<string>("project"));
        return result.TryGetValue(out var reference) ? reference : throw VendorErrors.ToException(result.Error!);
    }
}
