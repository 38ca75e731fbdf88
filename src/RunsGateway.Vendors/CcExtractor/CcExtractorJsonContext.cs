using System.Text.Json.Serialization;
using RunsGateway.Vendors.CcExtractor.Dto;

namespace RunsGateway.Vendors.CcExtractor;

/// <summary>Source-generated JSON metadata for the CCExtractor DTOs.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CcExtractorRunDto))]
[JsonSerializable(typeof(CcExtractorSummaryDto))]
[JsonSerializable(typeof(CcExtractorErrorDto))]
internal sealed partial class CcExtractorJsonContext : JsonSerializerContext;
