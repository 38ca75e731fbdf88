using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.TestVibe.Dto;

/// <summary><c>GET /projects/{project}/runs/{runId}</c>: status and results digest.</summary>
internal sealed record TestVibeRunDto
{
    [AlwaysPresent]
    [JsonPropertyName("runId")]
    public long? RunId { get; set; }

    [AlwaysPresent]
    [KnownValues("running", "passed", "failed")]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("featureId")]
    public long? FeatureId { get; set; }

    [JsonPropertyName("featureName")]
    public string? FeatureName { get; set; }

    [JsonPropertyName("config")]
    public string? Config { get; set; }

    [JsonPropertyName("siteUrl")]
    public string? SiteUrl { get; set; }

    [JsonPropertyName("createdUtc")]
    public DateTimeOffset? CreatedUtc { get; set; }

    [JsonPropertyName("startedUtc")]
    public DateTimeOffset? StartedUtc { get; set; }

    [JsonPropertyName("finishedUtc")]
    public DateTimeOffset? FinishedUtc { get; set; }

    /// <summary>Present once results exist.</summary>
    [JsonPropertyName("summary")]
    public TestVibeSummaryDto? Summary { get; set; }

    /// <summary>Present once results exist.</summary>
    [JsonPropertyName("tests")]
    public IReadOnlyList<TestVibeTestDto?>? Tests { get; set; }

    [JsonPropertyName("artifacts")]
    public IReadOnlyList<TestVibeArtifactDto?>? Artifacts { get; set; }

    /// <summary>Trimmed runner output (at most 4,000 characters), only on non-passed runs.</summary>
    [JsonPropertyName("log")]
    public string? Log { get; set; }
}

/// <summary>The run's <c>summary</c>.</summary>
internal sealed record TestVibeSummaryDto
{
    [JsonPropertyName("total")]
    public int? Total { get; set; }

    [JsonPropertyName("passed")]
    public int? Passed { get; set; }

    [JsonPropertyName("failed")]
    public int? Failed { get; set; }

    [JsonPropertyName("other")]
    public int? Other { get; set; }
}

/// <summary>One test of the run (TestVibe tests have no id).</summary>
internal sealed record TestVibeTestDto
{
    [AlwaysPresent]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [AlwaysPresent]
    [KnownValues("passed", "failed")]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("durationMs")]
    public long? DurationMs { get; set; }

    /// <summary>The failure message, trimmed by the vendor to 1,500 characters.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

/// <summary>One uploaded artifact.</summary>
internal sealed record TestVibeArtifactDto
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("size")]
    public long? Size { get; set; }
}
