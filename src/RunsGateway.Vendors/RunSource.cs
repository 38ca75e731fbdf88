using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RunsGateway.Core;

namespace RunsGateway.Vendors;

/// <summary>
/// The <see cref="IRunSource"/>: dispatches each key to its vendor, loads distinct keys once and in parallel (the vendors have no
/// batch endpoints; each vendor's concurrency limit bounds the fan-out), and returns one result per key in input order.
/// </summary>
internal sealed partial class RunSource : IRunSource
{
    private readonly Dictionary<Vendor, IVendorSource> _sources;
    private readonly ILogger<RunSource> _logger;
    private readonly ConcurrentDictionary<(Vendor, string), bool> _unknownStatusesLogged = new();

    public RunSource(IEnumerable<IVendorSource> sources, ILogger<RunSource> logger)
    {
        _sources = sources.ToDictionary(s => s.Vendor);
        _logger = logger;
    }

    public Task<IReadOnlyList<Result<Run>>> GetRunsAsync(IReadOnlyList<RunRef> refs, CancellationToken cancellationToken) =>
        LoadAsync(refs, r => r.Vendor, async (source, runRef, ct) =>
        {
            var run = await source.GetRunAsync(runRef, ct).ConfigureAwait(false);
            if (run.IsSuccess && run.Value.State == RunState.Unknown && _unknownStatusesLogged.TryAdd((runRef.Vendor, run.Value.RawStatus), true))
            {
                LogUnknownStatus(runRef.Vendor, run.Value.RawStatus);
            }

            return run;
        }, cancellationToken);

    public Task<IReadOnlyList<Result<Summary?>>> GetSummariesAsync(IReadOnlyList<Run> runs, CancellationToken cancellationToken) =>
        LoadAsync(runs, r => r.Vendor, (source, run, ct) => source.GetSummaryAsync(run, ct), cancellationToken, run => run.Ref);

    public Task<IReadOnlyList<Result<SpecPage>>> GetSpecPagesAsync(IReadOnlyList<SpecPageRequest> requests, CancellationToken cancellationToken) =>
        LoadAsync(requests, r => r.Ref.Vendor, (source, request, ct) => source.GetSpecPageAsync(request, ct), cancellationToken);

    public Task<IReadOnlyList<Result<IReadOnlyList<Spec>>>> GetAllSpecsAsync(IReadOnlyList<RunRef> refs, CancellationToken cancellationToken) =>
        LoadAsync(refs, r => r.Vendor, (source, runRef, ct) => source.GetAllSpecsAsync(runRef, ct), cancellationToken);

    private async Task<IReadOnlyList<Result<T>>> LoadAsync<TKey, T>(
        IReadOnlyList<TKey> keys,
        Func<TKey, Vendor> vendorOf,
        Func<IVendorSource, TKey, CancellationToken, Task<Result<T>>> load,
        CancellationToken cancellationToken,
        Func<TKey, object>? identity = null)
        where TKey : class
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 1)
        {
            // The gateway's loaders call one key at a time (each within a request's vendor slot): no de-duplication to do.
            var key = keys[0];
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            return [await LoadOneAsync(key, vendorOf(key), load, cancellationToken).ConfigureAwait(false)];
        }

        identity ??= key => key;

        // Each distinct key is loaded once, whatever the number of times it appears.
        var tasks = new Dictionary<object, Task<Result<T>>>();
        var perKey = new Task<Result<T>>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            var id = identity(key);
            if (!tasks.TryGetValue(id, out var task))
            {
                task = LoadOneAsync(key, vendorOf(key), load, cancellationToken);
                tasks.Add(id, task);
            }

            perKey[i] = task;
        }

        return await Task.WhenAll(perKey).ConfigureAwait(false);
    }

    private async Task<Result<T>> LoadOneAsync<TKey, T>(
        TKey key,
        Vendor vendor,
        Func<IVendorSource, TKey, CancellationToken, Task<Result<T>>> load,
        CancellationToken cancellationToken)
    {
        if (!_sources.TryGetValue(vendor, out var source))
        {
            return Result.Failure<T>(VendorError.NotConfigured(vendor));
        }

        try
        {
            return await load(source, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug or an unforeseen failure must not take the other keys of the batch down; its text stays out of the result.
            LogUnexpectedFailure(vendor, ex.GetType().Name);
            return Result.Failure<T>(new VendorError(VendorErrorKind.Unavailable, vendor, $"Loading from {vendor.DisplayName()} failed unexpectedly."));
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Vendor} reported an unknown run status '{RawStatus}'; mapped to UNKNOWN")]
    private partial void LogUnknownStatus(Vendor vendor, string rawStatus);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Loading from {Vendor} failed unexpectedly with {ExceptionType}")]
    private partial void LogUnexpectedFailure(Vendor vendor, string exceptionType);
}
