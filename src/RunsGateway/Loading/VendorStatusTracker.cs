using System.Text.Json;
using RunsGateway.Core;
using RunsGateway.Errors;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.Loading;

/// <summary>
/// Per request: which vendors the query touched and whether each answered, for the response's <c>extensions.vendors</c>
/// (so a dashboard can show "3 of 4 sources").
/// </summary>
internal sealed class VendorStatusTracker
{
    public const string ContextKey = "RunsGateway.VendorStatus";

    // Recorded once per loaded key, so it must not allocate: one mutable state per vendor (indexed by the enum), under a lock.
    private static readonly Vendor[] ByName = [.. Enum.GetValues<Vendor>().OrderBy(VendorErrors.EnumName, StringComparer.Ordinal)];
    private readonly Lock _gate = new();
    private readonly State?[] _states = new State?[ByName.Length];
    private int _touched;

    public bool IsEmpty => Volatile.Read(ref _touched) == 0;

    /// <summary>Records one outcome; a vendor that failed once in the request stays failed.</summary>
    public void Record(Vendor vendor, VendorError? error, bool fromCache = false)
    {
        var failed = error is not null && error.Kind is not (VendorErrorKind.NotFound or VendorErrorKind.InvalidReference);
        lock (_gate)
        {
            ref var slot = ref _states[(int)vendor];
            if (slot is not { } state)
            {
                slot = state = new State();
                _touched++;
            }

            state.Answered &= !failed;
            state.ErrorCode ??= failed ? VendorErrors.Code(error!.Kind) : null;
            state.FromCache += fromCache ? 1 : 0;
            state.FromVendor += fromCache ? 0 : 1;
        }
    }

    /// <summary>
    /// The extension value: <c>{ "CCEXTRACTOR": { "answered": true, "fromCache": 2, "fromVendor": 1 }, … }</c>, vendors in name order,
    /// as it stands now (a snapshot that writes its own JSON).
    /// </summary>
    public IJsonWritable ToExtension()
    {
        lock (_gate)
        {
            var touched = new (string Name, State Counts)[_touched];
            var at = 0;
            foreach (var vendor in ByName)
            {
                if (_states[(int)vendor] is { } state)
                {
                    touched[at++] = (VendorErrors.EnumName(vendor), state.Copy());
                }
            }

            return new Extension(touched);
        }
    }

    private sealed class Extension((string Name, State Counts)[] vendors) : IJsonWritable
    {
        public void WriteJson(Utf8JsonWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStartObject();
            foreach (var (name, counts) in vendors)
            {
                writer.WriteStartObject(name);
                writer.WriteBoolean("answered", counts.Answered);
                writer.WriteNumber("fromCache", counts.FromCache);
                writer.WriteNumber("fromVendor", counts.FromVendor);
                if (counts.ErrorCode is { } code)
                {
                    writer.WriteString("code", code);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }
    }

    private sealed class State
    {
        public bool Answered { get; set; } = true;

        public string? ErrorCode { get; set; }

        public int FromCache { get; set; }

        public int FromVendor { get; set; }

        public State Copy() => (State)MemberwiseClone();
    }
}
