using System.Text.Json.Serialization;
using RunsGateway.Core;

namespace RunsGateway.Caching;

/// <summary>Source-generated JSON for the payloads stored in Redis: finished runs and their parts.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Run))]
[JsonSerializable(typeof(Summary))]
[JsonSerializable(typeof(SpecPage))]
[JsonSerializable(typeof(SpecList))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
