using System.Text.Json;
using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.Crewship.Dto;

/// <summary><c>GET /runs/{id}</c>: one crew execution.</summary>
internal sealed record CrewshipRunDto
{
    [AlwaysPresent]
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("version_id")]
    public string? VersionId { get; set; }

    [JsonPropertyName("deployment_id")]
    public string? DeploymentId { get; set; }

    [AlwaysPresent]
    [KnownValues("pending", "running", "succeeded", "failed", "canceled")]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("input")]
    public JsonElement? Input { get; set; }

    /// <summary>Only present when succeeded.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; set; }

    /// <summary>Only present when failed.</summary>
    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; set; }

    [JsonPropertyName("completed_at")]
    public DateTimeOffset? CompletedAt { get; set; }
}
