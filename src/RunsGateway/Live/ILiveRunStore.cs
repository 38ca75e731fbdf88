using RunsGateway.Core;

namespace RunsGateway.Live;

/// <summary>Where the pollers find finished runs before asking a vendor, and leave the finished runs they fetched.</summary>
internal interface ILiveRunStore
{
    /// <summary>The cached run, or null when it is not cached.</summary>
    Task<Run?> GetAsync(RunRef run, CancellationToken cancellationToken);

    /// <summary>Caches a finished, cacheable run.</summary>
    Task StoreAsync(Run run, CancellationToken cancellationToken);
}
