using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.TestVibe.Dto;

/// <summary><c>GET /projects/{project}/runs/{runId}</c>: status and results digest.</summary>
internal sealed record TestVibeRunDto
{
    [AlwaysPresent]
    [JsonPropertyName("runId")]
    public long? RunId { get; init; }

    [AlwaysPresent]
    [KnownValues("running", "passed", "failed")]
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("featureId")]
    public long? FeatureId { get; init; }

    [JsonPropertyName("featureName")]
    public string? FeatureName { get; init; }

    [JsonPropertyName("config")]
    public string? Config { get; init; }

    [JsonPropertyName("siteUrl")]
    public string? SiteUrl { get; init; }

    [JsonPropertyName("createdUtc")]
    public DateTimeOffset? CreatedUtc { get; init; }

    [JsonPropertyName("startedUtc")]
    public DateTimeOffset? StartedUtc { get; init; }

    [JsonPropertyName("finishedUtc")]
    public DateTimeOffset? FinishedUtc { get; init; }

    /// <summary>Present once results exist.</summary>
    [JsonPropertyName("summary")]
    public TestVibeSummaryDto? Summary { get; init; }

    /// <summary>Present once results exist.</summary>
    [JsonPropertyName("tests")]
    public IReadOnlyList<TestVibeTestDto?>? Tests { get; init; }

    [JsonPropertyName("artifacts")]
    public IReadOnlyList<TestVibeArtifactDto?>? Artifacts { get; init; }

    /// <summary>Trimmed runner output (at most 4,000 characters), only on non-passed runs.</summary>
    [JsonPropertyName("log")]
    public string? Log { get; init; }
}

/// <summary>The run's <c>summary</c>.</summary>
internal sealed record TestVibeSummaryDto
{
    [JsonPropertyName("total")]
    public int? Total { get; init; }

    [JsonPropertyName("passed")]
    public int? Passed { get; init; }

    [JsonPropertyName("failed")]
    public int? Failed { get; init; }

    [JsonPropertyName("other")]
    public int? Other { get; init; }
}

/// <summary>One test of the run (TestVibe tests have no id).</summary>
internal sealed record TestVibeTestDto
{
    [AlwaysPresent]
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [AlwaysPresent]
    [KnownValues("passed", "failed")]
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("durationMs")]
    public long? DurationMs { get; init; }

    /// <summary>The failure message, trimmed by the vendor to 1,500 characters.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

/// <summary>One uploaded artifact.</summary>
internal sealed record TestVibeArtifactDto
{
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }
}
