using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunsGateway.Vendors.Crewship.Dto;

/// <summary>The error body: <c>{"error": {"message"}}</c>, or <c>{"error": {code, message, details}}</c> from older deployments.</summary>
internal sealed record CrewshipErrorDto
{
    [JsonPropertyName("error")]
    public CrewshipErrorDetailDto? Error { get; set; }
}

/// <summary>The inner <c>error</c> object.</summary>
internal sealed record CrewshipErrorDetailDto
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("details")]
    public JsonElement? Details { get; set; }
}
