using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>The active fault per vendor: seeded from configuration, changed at run time by the control API.</summary>
internal sealed class FaultStore
{
    private readonly ConcurrentDictionary<SimulatedVendor, SimulatorFaultOptions> _faults = new();
    private readonly Lock _rollLock = new();
    private readonly SeededRandom _rolls;
    private readonly Lock _windowLock = new();
    private readonly Dictionary<SimulatedVendor, (DateTimeOffset Reset, int Count)> _windows = [];

    public FaultStore(IOptions<VendorSimulatorOptions> options)
    {
        var value = options.Value;
        _rolls = new SeededRandom((ulong)value.Seed ^ 0xFA17UL);
        SetIfPresent(SimulatedVendor.CcExtractor, value.CcExtractor.Fault);
        SetIfPresent(SimulatedVendor.NeetoPlaydash, value.NeetoPlaydash.Fault);
        SetIfPresent(SimulatedVendor.TestVibe, value.TestVibe.Fault);
        SetIfPresent(SimulatedVendor.Crewship, value.Crewship.Fault);
    }

    /// <summary>
    /// Counts a request against the vendor's fixed 60-second window (starting at its first request): whether it is within
    /// <paramref name="limit"/>, the requests left and when the window resets.
    /// </summary>
    public (bool Allowed, int Remaining, DateTimeOffset Reset) TakeRateLimited(SimulatedVendor vendor, int limit, DateTimeOffset now)
    {
        lock (_windowLock)
        {
            if (!_windows.TryGetValue(vendor, out var window) || window.Reset <= now)
            {
                window = (now.AddSeconds(60), 0);
            }

            window.Count++;
            _windows[vendor] = window;
            return (window.Count <= limit, Math.Max(0, limit - window.Count), window.Reset);
        }
    }

    public SimulatorFaultOptions? Get(SimulatedVendor vendor) => _faults.TryGetValue(vendor, out var fault) ? fault : null;

    public void Set(SimulatedVendor vendor, SimulatorFaultOptions fault)
    {
        _faults[vendor] = fault;
        lock (_windowLock)
        {
            // A new fault starts a fresh rate-limit window.
            _windows.Remove(vendor);
        }
    }

    public void Clear(SimulatedVendor vendor) => _faults.TryRemove(vendor, out _);

    public void ClearAll() => _faults.Clear();

    /// <summary>Decides whether this request gets the fault's status, malformed body or hang.</summary>
    public bool Triggers(SimulatorFaultOptions fault)
    {
        if (fault.Status == 0 && !fault.Malformed && !fault.Hang)
        {
            return false;
        }

        if (fault.Rate >= 1)
        {
            return true;
        }

        lock (_rollLock)
        {
            return _rolls.NextDouble() < fault.Rate;
        }
    }

    private void SetIfPresent(SimulatedVendor vendor, SimulatorFaultOptions? fault)
    {
        if (fault is not null)
        {
            _faults[vendor] = fault;
        }
    }
}
