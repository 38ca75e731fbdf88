namespace RunsGateway.Vendors.Tests.TestSupport;

/// <summary>A <see cref="TimeProvider"/> whose clock only moves when a test advances it; timers fire during <see cref="Advance"/>.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Due times of the pending timers, relative to now.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers()
    {
        lock (_lock)
        {
            return _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value - _now).Order().ToArray();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = target;
                    break;
                }

                _now = next.Due!.Value;
                next.Due = next.Period is { } period && period > TimeSpan.Zero ? _now + period : null;
                if (next.Due is null)
                {
                    _timers.Remove(next);
                }
            }

            next.Fire();
        }

        Signal();
    }

    /// <summary>Waits (a real-time deadline guards against a hung test) until a pending timer matches <paramref name="match"/>.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> match, TimeSpan? deadline = null)
    {
        var until = Environment.TickCount64 + (long)(deadline ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_timers.Any(t => t.Due is { } due && match(due - _now)))
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = until - Environment.TickCount64;
            if (left <= 0)
            {
                throw new TimeoutException($"No timer matched; pending: {string.Join(", ", PendingTimers())}.");
            }

            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(Math.Min(left, 200)))).ConfigureAwait(false);
        }
    }

    private void Update(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan ? null : period;
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            if (timer.Due is not null)
            {
                _timers.Add(timer);
            }
        }

        Signal();
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (_lock)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Update(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
