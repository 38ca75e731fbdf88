using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunsGateway.VendorSimulator.Admin;
using RunsGateway.VendorSimulator.CcExtractor;
using RunsGateway.VendorSimulator.Crewship;
using RunsGateway.VendorSimulator.NeetoPlaydash;
using RunsGateway.VendorSimulator.TestVibe;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>The vendors that speak snake_case: CCExtractor, NeetoPlaydash, Crewship.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CcRunResponse))]
[JsonSerializable(typeof(CcRunCurrentCodeResponse))]
[JsonSerializable(typeof(CcSummaryResponse))]
[JsonSerializable(typeof(CcSummaryCurrentCodeResponse))]
[JsonSerializable(typeof(CcErrorResponse))]
[JsonSerializable(typeof(NeetoRunResponse))]
[JsonSerializable(typeof(NeetoErrorResponse))]
[JsonSerializable(typeof(CrewRunResponse))]
[JsonSerializable(typeof(CrewErrorResponse))]
[JsonSerializable(typeof(CrewLegacyErrorResponse))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SnakeCaseJsonContext : JsonSerializerContext;

/// <summary>The camelCase documents: TestVibe and the simulator's own control API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(TvRunResponse))]
[JsonSerializable(typeof(TvErrorResponse))]
[JsonSerializable(typeof(List<SimulatedRunInfo>))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(Dictionary<string, SimulatorFaultOptions?>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, long>>))]
[JsonSerializable(typeof(ClockInfo))]
[JsonSerializable(typeof(AdminError))]
internal sealed partial class CamelCaseJsonContext : JsonSerializerContext;

/// <summary>Context instances that write non-ASCII text as is, the way the vendors' servers do.</summary>
internal static class SimulatorJson
{
    public static SnakeCaseJsonContext Snake { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static CamelCaseJsonContext Camel { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
