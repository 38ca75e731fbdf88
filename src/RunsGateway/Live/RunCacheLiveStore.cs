using RunsGateway.Caching;
using RunsGateway.Core;

namespace RunsGateway.Live;

/// <summary>The pollers' view of the gateway's run cache (the same entries the <c>run</c> query reads and writes).</summary>
internal sealed class RunCacheLiveStore(RunCache cache) : ILiveRunStore
{
    private const string Kind = "run";

    public async Task<Run?> GetAsync(RunRef run, CancellationToken cancellationToken)
    {
        var found = await cache.GetManyAsync(Kind, [run.Key], CacheJsonContext.Default.Run, cancellationToken).ConfigureAwait(false);
        return found[0];
    }

    public Task StoreAsync(Run run, CancellationToken cancellationToken) =>
        cache.SetManyAsync(Kind, [(run.Ref, run.Ref.Key, run)], CacheJsonContext.Default.Run, cancellationToken);
}
