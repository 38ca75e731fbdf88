using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Execution;

/// <summary>Small schemas for executor tests: fields read dictionaries unless a resolver is bound.</summary>
internal static class TestSchemas
{
    public static Schema Build(string sdl, Action<SchemaBuilder>? configure = null)
    {
        var builder = SchemaBuilder.FromSdl(sdl).UseDefaultResolver(ReadProperty);
        configure?.Invoke(builder);
        return builder.Build();
    }

    public static ValueTask<object?> ReadProperty(IResolverContext context) => new(
        context.Parent is IReadOnlyDictionary<string, object?> map && map.TryGetValue(context.Field.Name, out var value) ? value : null);

    public static Dictionary<string, object?> Obj(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    public static async Task<string> RunAsync(this RequestExecutor executor, string query, object? root = null, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = query, RootValue = root, Variables = variables }, TestContext.Current.CancellationToken);
        return result.ToJson();
    }
}

/// <summary>A manual clock for timeout tests: timers fire only when <see cref="Advance"/> passes their due time.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_sync)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_sync)
        {
            _now += by;
            due = [.. _timers.Where(t => t.DueAt is { } at && at <= _now)];
            foreach (var timer in due)
            {
                timer.DueAt = null;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._sync)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._sync)
            {
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
