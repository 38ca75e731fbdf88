using System.Text.Json.Serialization;

namespace RunsGateway.VendorSimulator.TestVibe;

/// <summary>A seeded TestVibe run: one feature, its tests, artifacts and (unless passed) the trimmed runner log.</summary>
internal sealed record TvRunPlan(
    string Project,
    int RunId,
    string FinalStatus,
    int FeatureId,
    string FeatureName,
    string Config,
    string SiteUrl,
    DateTimeOffset CreatedUtc,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    IReadOnlyList<TvTest> Tests,
    IReadOnlyList<TvArtifact> Artifacts,
    string? Log);

/// <summary>A test as the API shows it; <c>error</c> is null unless it failed and is trimmed to 1,500 characters.</summary>
internal sealed record TvTest(string Name, string Status, long DurationMs, string? Error);

internal sealed record TvArtifact(string Kind, string Path, long Size);

internal sealed record TvSummary(int Total, int Passed, int Failed, int Other);

/// <summary>GET /projects/{project}/runs/{runId}; summary, tests and log are absent until they exist.</summary>
internal sealed record TvRunResponse(
    int RunId,
    string Status,
    int FeatureId,
    string FeatureName,
    string Config,
    string SiteUrl,
    string CreatedUtc,
    string? StartedUtc,
    string? FinishedUtc,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TvSummary? Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TvTest>? Tests,
    IReadOnlyList<TvArtifact> Artifacts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Log);

/// <summary>TestVibe's error body: <c>{"error": "&lt;code&gt;", "message": …}</c>.</summary>
internal sealed record TvErrorResponse(string Error, string Message);
