using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunsGateway.Vendors.CcExtractor.Dto;

/// <summary>The error body of every non-200 response: <c>{code, message, details}</c>.</summary>
internal sealed record CcExtractorErrorDto
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("details")]
    public JsonElement? Details { get; set; }
}
