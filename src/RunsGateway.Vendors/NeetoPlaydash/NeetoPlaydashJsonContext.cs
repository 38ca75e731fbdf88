using System.Text.Json.Serialization;
using RunsGateway.Vendors.NeetoPlaydash.Dto;

namespace RunsGateway.Vendors.NeetoPlaydash;

/// <summary>Source-generated JSON metadata for the NeetoPlaydash DTOs.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(NeetoPlaydashRunDto))]
[JsonSerializable(typeof(NeetoPlaydashErrorDto))]
internal sealed partial class NeetoPlaydashJsonContext : JsonSerializerContext;
