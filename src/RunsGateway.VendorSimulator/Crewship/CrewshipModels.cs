using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RunsGateway.VendorSimulator.Crewship;

/// <summary>A seeded Crewship run (an AI-agent crew execution).</summary>
internal sealed record CrewRunPlan(
    string Id,
    string VersionId,
    string DeploymentId,
    string FinalStatus,
    IReadOnlyDictionary<string, string> Input,
    CrewOutput? Output,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset CompletedAt);

/// <summary>GET /runs/{id}: output only when succeeded, error_message only when failed, both otherwise null.</summary>
internal sealed record CrewRunResponse(
    string Id,
    string VersionId,
    string DeploymentId,
    string Status,
    IReadOnlyDictionary<string, string> Input,
    CrewOutput? Output,
    string? ErrorMessage,
    string CreatedAt,
    string? StartedAt,
    string? CompletedAt);

/// <summary>The crew's structured final output.</summary>
internal sealed record CrewOutput(
    string Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CrewOutputSection>? Sections,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CrewTokenUsage? TokenUsage);

internal sealed record CrewOutputSection(string Title, string Content);

internal sealed record CrewTokenUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>Crewship's error body: <c>{"error": {"message"}}</c>.</summary>
internal sealed record CrewErrorResponse(CrewError Error);

internal sealed record CrewError(string Message);

/// <summary>Older deployments' error body: <c>{"error": {code, message, details}}</c>.</summary>
internal sealed record CrewLegacyErrorResponse(CrewLegacyError Error);

internal sealed record CrewLegacyError(string Code, string Message, JsonObject Details);
