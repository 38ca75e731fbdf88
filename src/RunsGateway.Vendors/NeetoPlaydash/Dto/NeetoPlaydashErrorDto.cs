using System.Text.Json.Serialization;

namespace RunsGateway.Vendors.NeetoPlaydash.Dto;

/// <summary>The error body: <c>{"error": "text"}</c>.</summary>
internal sealed record NeetoPlaydashErrorDto
{
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}
