namespace RunsGateway.VendorSimulator.Tests.Infrastructure;

/// <summary>A clock that only moves when the test says so.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>The instant every test host starts at unless told otherwise.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private long _ticks = start.UtcTicks;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
