using System.Text.Json;
using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.Crewship.Dto;

/// <summary><c>GET /runs/{id}</c>: one crew execution.</summary>
internal sealed record CrewshipRunDto
{
    [AlwaysPresent]
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("version_id")]
    public string? VersionId { get; init; }

    [JsonPropertyName("deployment_id")]
    public string? DeploymentId { get; init; }

    [AlwaysPresent]
    [KnownValues("pending", "running", "succeeded", "failed", "canceled")]
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>Only present when succeeded.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }

    /// <summary>Only present when failed.</summary>
    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; init; }

    [AlwaysPresent]
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonPropertyName("completed_at")]
    public DateTimeOffset? CompletedAt { get; init; }
}
