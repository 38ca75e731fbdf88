using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.CcExtractor.Dto;

/// <summary><c>GET /runs/{run_id}/summary</c> (the current code may add <c>status</c>).</summary>
internal sealed record CcExtractorSummaryDto
{
    [AlwaysPresent]
    [JsonPropertyName("run_id")]
    public long? RunId { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("total_samples")]
    public int? TotalSamples { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("pass_count")]
    public int? PassCount { get; set; }

    /// <summary>Computed by the vendor from TestResult rows; never derived from <c>test.failed</c>.</summary>
    [AlwaysPresent]
    [JsonPropertyName("fail_count")]
    public int? FailCount { get; set; }

    [JsonPropertyName("skipped_count")]
    public int? SkippedCount { get; set; }

    /// <summary>Samples with no output, detected by the vendor from the dummy TestResultFile(-1,-1,-1,'','error') row.</summary>
    [JsonPropertyName("missing_output_count")]
    public int? MissingOutputCount { get; set; }

    [JsonPropertyName("error_count")]
    public int? ErrorCount { get; set; }

    [JsonPropertyName("duration_ms")]
    public long? DurationMs { get; set; }

    [JsonPropertyName("triggered_by")]
    public string? TriggeredBy { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }
}
