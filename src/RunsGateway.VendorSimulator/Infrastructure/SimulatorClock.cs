using Microsoft.Extensions.Options;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>
/// Simulated time: starts at the injected <see cref="TimeProvider"/>'s instant (whole seconds) and runs
/// <see cref="VendorSimulatorOptions.ClockSpeed"/> times as fast. Live runs are planned relative to <see cref="Anchor"/>.
/// </summary>
internal sealed class SimulatorClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;

    public SimulatorClock(TimeProvider time, IOptions<VendorSimulatorOptions> options)
    {
        _time = time;
        Speed = options.Value.ClockSpeed;
        _start = time.GetUtcNow();
        Anchor = new DateTimeOffset(_start.UtcTicks - (_start.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>The simulated instant at which the simulator started.</summary>
    public DateTimeOffset Anchor { get; }

    public double Speed { get; }

    /// <summary>The current simulated instant.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var real = _time.GetUtcNow() - _start;
            if (real < TimeSpan.Zero)
            {
                real = TimeSpan.Zero;
            }

            return Anchor + TimeSpan.FromTicks((long)(real.Ticks * Speed));
        }
    }
}
