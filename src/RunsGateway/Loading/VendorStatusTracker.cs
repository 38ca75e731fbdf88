using RunsGateway.Core;
using RunsGateway.Errors;

namespace RunsGateway.Loading;

/// <summary>
/// Per request: which vendors the query touched and whether each answered, for the response's <c>extensions.vendors</c>
/// (so a dashboard can show "3 of 4 sources").
/// </summary>
internal sealed class VendorStatusTracker
{
    public const string ContextKey = "RunsGateway.VendorStatus";

    // Recorded once per loaded key, so it must not allocate: one mutable state per vendor, under a lock.
    private readonly Lock _gate = new();
    private readonly Dictionary<Vendor, State> _states = [];

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _states.Count == 0;
            }
        }
    }

    /// <summary>Records one outcome; a vendor that failed once in the request stays failed.</summary>
    public void Record(Vendor vendor, VendorError? error, bool fromCache = false)
    {
        var failed = error is not null && error.Kind is not (VendorErrorKind.NotFound or VendorErrorKind.InvalidReference);
        lock (_gate)
        {
            if (!_states.TryGetValue(vendor, out var state))
            {
                _states[vendor] = state = new State();
            }

            state.Answered &= !failed;
            state.ErrorCode ??= failed ? VendorErrors.Code(error!.Kind) : null;
            state.FromCache += fromCache ? 1 : 0;
            state.FromVendor += fromCache ? 0 : 1;
        }
    }

    /// <summary>The extension value: <c>{ "CCEXTRACTOR": { "answered": true, "fromCache": 2, "fromVendor": 1 }, … }</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToExtension()
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        KeyValuePair<Vendor, State>[] states;
        lock (_gate)
        {
            states = [.. _states];
        }

        foreach (var (vendor, state) in states)
        {
            var entry = new Dictionary<string, object?>
            {
                ["answered"] = state.Answered,
                ["fromCache"] = state.FromCache,
                ["fromVendor"] = state.FromVendor,
            };
            if (state.ErrorCode is { } code)
            {
                entry["code"] = code;
            }

            result[VendorErrors.EnumName(vendor)] = entry;
        }

        return result;
    }

    private sealed class State
    {
        public bool Answered { get; set; } = true;

        public string? ErrorCode { get; set; }

        public int FromCache { get; set; }

        public int FromVendor { get; set; }
    }
}
