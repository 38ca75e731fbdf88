using System.Text.Json.Serialization;
using RunsGateway.Vendors.TestVibe.Dto;

namespace RunsGateway.Vendors.TestVibe;

/// <summary>Source-generated JSON metadata for the TestVibe DTOs.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TestVibeRunDto))]
[JsonSerializable(typeof(TestVibeErrorDto))]
internal sealed partial class TestVibeJsonContext : JsonSerializerContext;
