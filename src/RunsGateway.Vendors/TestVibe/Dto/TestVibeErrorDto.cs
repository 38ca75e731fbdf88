using System.Text.Json.Serialization;

namespace RunsGateway.Vendors.TestVibe.Dto;

/// <summary>The error body: <c>{"error": "&lt;code&gt;", "message": …}</c>.</summary>
internal sealed record TestVibeErrorDto
{
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
