using System.Text.Json.Serialization;
using RunsGateway.Vendors.Crewship.Dto;

namespace RunsGateway.Vendors.Crewship;

/// <summary>Source-generated JSON metadata for the Crewship DTOs.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CrewshipRunDto))]
[JsonSerializable(typeof(CrewshipErrorDto))]
internal sealed partial class CrewshipJsonContext : JsonSerializerContext;
