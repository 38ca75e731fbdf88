using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RunsGateway.Caching;
using RunsGateway.Core;

namespace RunsGateway.Live;

/// <summary>
/// Watches runs for <c>Subscription.runChanged</c>: one poll loop per run, shared by every subscriber on every connection,
/// started by the first and stopped when the last one leaves. Each subscriber has a buffer of one event that keeps the
/// latest state, so a slow consumer skips intermediate states instead of growing memory.
/// </summary>
internal sealed partial class LiveRuns(IRunSource source, ILiveRunStore store, IOptions<LiveRunOptions> options, TimeProvider time, ILogger<LiveRuns> logger)
    : IAsyncDisposable
{
    private readonly Dictionary<string, RunPoller> _pollers = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly LiveRunOptions _options = options.Value;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    /// <summary>The number of runs being polled now.</summary>
    public int ActivePollers
    {
        get
        {
            lock (_sync)
            {
                return _pollers.Count;
            }
        }
    }

    /// <summary>
    /// The run's current state at once (from the poller's latest poll, or a first poll), then each change; ends after the
    /// run is finished or when it does not exist. Disposing the enumerator leaves the poller.
    /// </summary>
    public async IAsyncEnumerable<RunEvent> WatchAsync(RunRef run, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscriber = Join(run);
        try
        {
            await foreach (var item in subscriber.Events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await LeaveAsync(subscriber).ConfigureAwait(false);
        }
    }

    private Subscriber Join(RunRef run)
    {
        lock (_sync)
        {
            if (!_pollers.TryGetValue(run.Key, out var poller))
            {
                poller = new RunPoller(this, run);
                _pollers.Add(run.Key, poller);
                poller.Start();
            }

            return poller.Add();
        }
    }

    private async Task LeaveAsync(Subscriber subscriber)
    {
        RunPoller? stopped = null;
        lock (_sync)
        {
            var poller = subscriber.Poller;
            if (poller.Remove(subscriber) == 0 && _pollers.TryGetValue(poller.Run.Key, out var current) && current == poller)
            {
                _pollers.Remove(poller.Run.Key);
                stopped = poller;
            }
        }

        if (stopped is not null)
        {
            await stopped.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Called by a poller that ended on its own (finished or missing run): later subscribers start a new one.</summary>
    private void Forget(RunPoller poller)
    {
        lock (_sync)
        {
            if (_pollers.TryGetValue(poller.Run.Key, out var current) && current == poller)
            {
                _pollers.Remove(poller.Run.Key);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        RunPoller[] pollers;
        lock (_sync)
        {
            pollers = [.. _pollers.Values];
            _pollers.Clear();
        }

        foreach (var poller in pollers)
        {
            await poller.StopAsync().ConfigureAwait(false);
        }
    }

    private sealed class Subscriber(RunPoller poller)
    {
        public RunPoller Poller { get; } = poller;

        public Channel<RunEvent> Events { get; } = Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>The poll loop of one run and its subscribers.</summary>
    private sealed class RunPoller(LiveRuns owner, RunRef run) : IDisposable
    {
        private readonly List<Subscriber> _subscribers = [];
        private readonly CancellationTokenSource _stop = new();
        private RunEvent? _latest;
        private string? _latestFingerprint;
        private bool _ended;
        private Task _loop = Task.CompletedTask;

        public RunRef Run { get; } = run;

        public void Start() => _loop = Task.Run(LoopAsync);

        /// <summary>Adds a subscriber (under the owner's lock) and hands it the latest state at once.</summary>
        public Subscriber Add()
        {
            var subscriber = new Subscriber(this);
            lock (_subscribers)
            {
                _subscribers.Add(subscriber);
                if (_latest is not null)
                {
                    subscriber.Events.Writer.TryWrite(_latest);
                }

                if (_ended)
                {
                    subscriber.Events.Writer.TryComplete();
                }
            }

            return subscriber;
        }

        /// <summary>Removes a subscriber and returns how many remain.</summary>
        public int Remove(Subscriber subscriber)
        {
            lock (_subscribers)
            {
                _subscribers.Remove(subscriber);
                return _subscribers.Count;
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            Dispose();
        }

        public void Dispose() => _stop.Dispose();

        private void Publish(RunEvent item, bool end = false)
        {
            lock (_subscribers)
            {
                _latest = item;
                _ended |= end;
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Events.Writer.TryWrite(item);
                    if (end)
                    {
                        subscriber.Events.Writer.TryComplete();
                    }
                }
            }
        }

        private async Task LoopAsync()
        {
            var token = _stop.Token;
            try
            {
                if (await owner.ReadCachedAsync(Run, token).ConfigureAwait(false) is { IsFinished: true } cached)
                {
                    owner.Forget(this);
                    Publish(new RunEvent(cached, null), end: true);
                    return;
                }

                var interval = owner._options.PollIntervalOf(Run.Vendor);
                var failures = 0;
                while (true)
                {
                    token.ThrowIfCancellationRequested();
                    var result = await owner.PollAsync(Run, token).ConfigureAwait(false);
                    TimeSpan wait;
                    if (result.TryGetValue(out var polled))
                    {
                        failures = 0;
                        wait = interval;
                        if (polled.IsFinished)
                        {
                            await owner.StoreFinishedAsync(polled, token).ConfigureAwait(false);
                            owner.Forget(this);
                            Publish(new RunEvent(polled, null), end: true);
                            return;
                        }

                        var fingerprint = Fingerprint(polled);
                        if (fingerprint != _latestFingerprint)
                        {
                            _latestFingerprint = fingerprint;
                            Publish(new RunEvent(polled, null));
                        }
                    }
                    else if (result.Error!.Kind == VendorErrorKind.NotFound)
                    {
                        owner.Forget(this);
                        Publish(RunEvent.NotFound, end: true);
                        return;
                    }
                    else
                    {
                        failures++;
                        _latestFingerprint = null;
                        Publish(new RunEvent(null, result.Error));
                        wait = owner.BackoffAfter(result.Error, interval, failures);
                        LogPollFailed(owner._logger, Run.Vendor, result.Error.Kind, wait);
                    }

                    await Task.Delay(wait, owner._time, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The last subscriber left.
            }
        }
    }

    private async Task<Run?> ReadCachedAsync(RunRef run, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cache is an optimisation; polling the vendor is always right.
            LogCacheFailed(_logger, exception);
            return null;
        }
    }

    private async Task StoreFinishedAsync(Run run, CancellationToken cancellationToken)
    {
        if (!run.IsCacheable)
        {
            return;
        }

        try
        {
            await store.StoreAsync(run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCacheFailed(_logger, exception);
        }
    }

    private async Task<Result<Run>> PollAsync(RunRef run, CancellationToken cancellationToken)
    {
        try
        {
            return (await source.GetRunsAsync([run], cancellationToken).ConfigureAwait(false))[0];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The source promises results, not exceptions; should one escape, it is an outage of that vendor, not of the loop.
            LogPollThrew(_logger, run.Vendor, exception);
            return Result.Failure<Run>(new VendorError(VendorErrorKind.Unavailable, run.Vendor, $"{run.Vendor.DisplayName()} could not be polled."));
        }
    }

    /// <summary>
    /// The wait after a failed poll: what a 429 asks for (at least the interval), otherwise the interval doubled per
    /// consecutive failure, at most <see cref="LiveRunOptions.MaxBackoff"/>.
    /// </summary>
    internal TimeSpan BackoffAfter(VendorError error, TimeSpan interval, int failures)
    {
        if (error.Kind == VendorErrorKind.RateLimited && error.RetryAfter is { } retryAfter)
        {
            return retryAfter > interval ? retryAfter : interval;
        }

        var factor = Math.Pow(2, Math.Min(failures, 20));
        var backoff = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, _options.MaxBackoff.Ticks));
        return backoff > interval ? backoff : interval;
    }

    /// <summary>
    /// Everything a subscriber can see of a run, its cached JSON form: an unchanged run publishes no event, so subscribers
    /// execute their selections only when some field changed (and are sent one only when a field they selected did).
    /// </summary>
    private static string Fingerprint(Run run) => JsonSerializer.Serialize(run, CacheJsonContext.Default.Run);
}
