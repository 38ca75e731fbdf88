using System.Text.Json;
using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.CcExtractor.Dto;

/// <summary><c>GET /runs/{run_id}</c>: the documented fields plus those of the platform's current code (<c>test_type</c>, <c>pr_number</c>, <c>github_link</c>).</summary>
internal sealed record CcExtractorRunDto
{
    [AlwaysPresent]
    [JsonPropertyName("run_id")]
    public long? RunId { get; set; }

    [AlwaysPresent]
    [KnownValues("queued", "running", "pass", "passed", "fail", "failed", "canceled", "error", "incomplete")]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("repository")]
    public string? Repository { get; set; }

    [JsonPropertyName("branch")]
    public string? Branch { get; set; }

    [JsonPropertyName("commit_sha")]
    public string? CommitSha { get; set; }

    [JsonPropertyName("commit_short")]
    public string? CommitShort { get; set; }

    [JsonPropertyName("pull_request")]
    public int? PullRequest { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("platform")]
    public string? Platform { get; set; }

    [JsonPropertyName("run_errors")]
    public string? RunErrors { get; set; }

    [JsonPropertyName("triggered_by")]
    public string? TriggeredBy { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("queued_at")]
    public DateTimeOffset? QueuedAt { get; set; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the run completed; setting it (even to null) records that the field was present.</summary>
    /// <remarks>A plain setter, not <c>init</c>: the source generator assigns init-only members even when the JSON lacks them.</remarks>
    [JsonPropertyName("completed_at")]
    public DateTimeOffset? CompletedAt
    {
        get;
        set
        {
            field = value;
            HasCompletedAt = true;
        }
    }

    /// <summary>Whether the response carried <c>completed_at</c> at all (the finished rule needs it set only when present).</summary>
    [JsonIgnore]
    public bool HasCompletedAt { get; private set; }

    [JsonPropertyName("duration_ms")]
    public long? DurationMs { get; set; }

    [JsonPropertyName("links")]
    public JsonElement? Links { get; set; }

    [JsonPropertyName("test_type")]
    public string? TestType { get; set; }

    [JsonPropertyName("pr_number")]
    public int? PrNumber { get; set; }

    [JsonPropertyName("github_link")]
    public string? GithubLink { get; set; }
}
