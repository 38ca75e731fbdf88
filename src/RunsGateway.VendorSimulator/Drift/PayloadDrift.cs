using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.Drift;

/// <summary>The ways the drift knob makes a vendor depart from its documentation, as an unannounced API change would.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PayloadDriftKind>))]
internal enum PayloadDriftKind
{
    /// <summary>Adds <c>"retention_days": 30</c> to every answer.</summary>
    [JsonStringEnumMemberName("extraField")]
    ExtraField,

    /// <summary>Renames a documented field (see <see cref="PayloadDrift.RenamedField"/>).</summary>
    [JsonStringEnumMemberName("renamedField")]
    RenamedField,

    /// <summary>Sends <c>"status": "paused"</c>, a value outside the documented set.</summary>
    [JsonStringEnumMemberName("newStatus")]
    NewStatus,

    /// <summary>Sends the first numeric top-level field as a string (<c>"run_id": "42"</c>).</summary>
    [JsonStringEnumMemberName("numberAsString")]
    NumberAsString,
}

/// <summary>The drift knob: the active drift kinds per vendor, and the rewriting of a 200 answer's JSON that applies them.</summary>
internal sealed class PayloadDrift
{
    /// <summary>The top-level field added by <see cref="PayloadDriftKind.ExtraField"/>.</summary>
    public const string ExtraFieldName = "retention_days";

    /// <summary>The status sent by <see cref="PayloadDriftKind.NewStatus"/>.</summary>
    public const string NewStatusValue = "paused";

    private readonly ConcurrentDictionary<SimulatedVendor, PayloadDriftKind[]> _active = new();

    /// <summary>The documented field each vendor renames under <see cref="PayloadDriftKind.RenamedField"/>, and its new name.</summary>
    public static (string From, string To) RenamedField(SimulatedVendor vendor) => vendor switch
    {
        SimulatedVendor.CcExtractor => ("repository", "repo"),
        SimulatedVendor.NeetoPlaydash => ("run_id", "id"),
        SimulatedVendor.TestVibe => ("runId", "id"),
        _ => ("id", "run_id"),
    };

    public IReadOnlyList<PayloadDriftKind> Get(SimulatedVendor vendor) => _active.TryGetValue(vendor, out var kinds) ? kinds : [];

    public void Set(SimulatedVendor vendor, IReadOnlyList<PayloadDriftKind> kinds)
    {
        if (kinds.Count == 0)
        {
            _active.TryRemove(vendor, out _);
        }
        else
        {
            _active[vendor] = [.. kinds.Distinct()];
        }
    }

    public void Clear(SimulatedVendor vendor) => _active.TryRemove(vendor, out _);

    public void ClearAll() => _active.Clear();

    /// <summary>Runs <paramref name="handle"/>; with drift active for the vendor, rewrites its 200 JSON answer.</summary>
    public async Task HandleAsync(HttpContext context, SimulatedVendor vendor, Func<Task> handle, CancellationToken cancellationToken)
    {
        var kinds = Get(vendor);
        if (kinds.Count == 0)
        {
            await handle().ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await handle().ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        if (context.Response.StatusCode == StatusCodes.Status200OK && JsonNode.Parse(bytes) is JsonObject answer)
        {
            Apply(answer, vendor, kinds);
            bytes = JsonSerializer.SerializeToUtf8Bytes(answer, PayloadDriftJsonContext.Default.JsonObject);
        }

        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    internal static void Apply(JsonObject answer, SimulatedVendor vendor, IReadOnlyList<PayloadDriftKind> kinds)
    {
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case PayloadDriftKind.ExtraField:
                    answer[ExtraFieldName] = 30;
                    break;
                case PayloadDriftKind.RenamedField:
                    var (from, to) = RenamedField(vendor);
                    if (answer.Remove(from, out var value))
                    {
                        answer[to] = value;
                    }

                    break;
                case PayloadDriftKind.NewStatus when answer.ContainsKey("status"):
                    answer["status"] = NewStatusValue;
                    break;
                case PayloadDriftKind.NumberAsString:
                    var number = answer.FirstOrDefault(p => p.Value?.GetValueKind() == JsonValueKind.Number);
                    if (number.Value is { } numeric)
                    {
                        answer[number.Key] = numeric.ToJsonString();
                    }

                    break;
            }
        }
    }
}

/// <summary>The body of <c>POST /_simulator/drift</c>.</summary>
internal sealed record PayloadDriftRequest(string? Vendor, IReadOnlyList<PayloadDriftKind>? Kinds);

/// <summary>An error of the drift control API.</summary>
internal sealed record DriftAdminError(string Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(PayloadDriftRequest))]
[JsonSerializable(typeof(DriftAdminError))]
[JsonSerializable(typeof(Dictionary<string, IReadOnlyList<PayloadDriftKind>>))]
internal sealed partial class PayloadDriftJsonContext : JsonSerializerContext;
