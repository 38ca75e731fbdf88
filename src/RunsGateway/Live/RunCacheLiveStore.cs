using RunsGateway.Caching;
using RunsGateway.Core;

namespace RunsGateway.Live;

/// <summary>The pollers' view of the gateway's run cache (the same entries the <c>run</c> query reads and writes).</summary>
internal sealed class RunCacheLiveStore(RunCache cache) : ILiveRunStore
{
    public async Task<Run?> GetAsync(RunRef run, CancellationToken cancellationToken)
    {
        var found = new Run?[1];
        await cache.GetManyAsync(RunCache.RunKind, [(run, cache.KeysOf(run).Run)], found, cancellationToken).ConfigureAwait(false);
        return found[0];
    }

    public Task StoreAsync(Run run, CancellationToken cancellationToken) =>
        cache.SetAsync(run.Ref, cache.KeysOf(run.Ref).Run, run, cancellationToken).AsTask();
}
