using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<Vendor, State> _states = new();

    public bool IsEmpty => _states.IsEmpty;

    /// <summary>Records one outcome; a vendor that failed once in the request stays failed.</summary>
    public void Record(Vendor vendor, VendorError? error, bool fromCache = false)
    {
        var failed = error is not null && error.Kind is not (VendorErrorKind.NotFound or VendorErrorKind.InvalidReference);
        _states.AddOrUpdate(
            vendor,
            _ => new State(!failed, failed ? VendorErrors.Code(error!.Kind) : null, fromCache ? 1 : 0, fromCache ? 0 : 1),
            (_, old) => new State(
                old.Answered && !failed,
                old.ErrorCode ?? (failed ? VendorErrors.Code(error!.Kind) : null),
                old.FromCache + (fromCache ? 1 : 0),
                old.FromVendor + (fromCache ? 0 : 1)));
    }

    /// <summary>The extension value: <c>{ "CCEXTRACTOR": { "answered": true, "fromCache": 2, "fromVendor": 1 }, … }</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToExtension()
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (vendor, state) in _states)
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

    private sealed record State(bool Answered, string? ErrorCode, int FromCache, int FromVendor);
}
