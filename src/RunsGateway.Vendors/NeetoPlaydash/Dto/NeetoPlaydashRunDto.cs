using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.NeetoPlaydash.Dto;

/// <summary><c>GET /projects/{project_id}/runs/{run_id}</c>: the run with one page of specs.</summary>
internal sealed record NeetoPlaydashRunDto
{
    [JsonPropertyName("project_id")]
    public string? ProjectId { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("run_id")]
    public string? RunId { get; set; }

    [JsonPropertyName("commit_id")]
    public string? CommitId { get; set; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("commit_name")]
    public string? CommitName { get; set; }

    [AlwaysPresent]
    [KnownValues("running", "passing", "failing", "passed", "failed", "timedOut", "interrupted")]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Run duration in (fractional) seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; set; }

    [JsonPropertyName("ci_build_id")]
    public string? CiBuildId { get; set; }

    [JsonPropertyName("branch")]
    public string? Branch { get; set; }

    [JsonPropertyName("author")]
    public string? Author { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string?>? Tags { get; set; }

    [JsonPropertyName("is_running")]
    public bool? IsRunning { get; set; }

    [JsonPropertyName("run_statistics")]
    public IReadOnlyList<NeetoPlaydashStatisticDto?>? RunStatistics { get; set; }

    [JsonPropertyName("total_shards")]
    public int? TotalShards { get; set; }

    [JsonPropertyName("specs")]
    public IReadOnlyList<NeetoPlaydashSpecDto?>? Specs { get; set; }

    [JsonPropertyName("pagination")]
    public NeetoPlaydashPaginationDto? Pagination { get; set; }
}

/// <summary>One entry of <c>run_statistics</c>: a count of tests by status name.</summary>
internal sealed record NeetoPlaydashStatisticDto
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public int? Value { get; set; }
}

/// <summary>A spec with its tests.</summary>
internal sealed record NeetoPlaydashSpecDto
{
    [JsonPropertyName("spec_id")]
    public string? SpecId { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("file_name")]
    public string? FileName { get; set; }

    [JsonPropertyName("tests")]
    public IReadOnlyList<NeetoPlaydashTestDto?>? Tests { get; set; }
}

/// <summary>A test of a spec.</summary>
internal sealed record NeetoPlaydashTestDto
{
    [JsonPropertyName("test_id")]
    public string? TestId { get; set; }

    [AlwaysPresent]
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [AlwaysPresent]
    [KnownValues("passed", "failed", "skipped", "flaky", "timed_out", "interrupted")]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Test duration in (fractional) seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; set; }
}

/// <summary>The <c>pagination</c> object of the specs.</summary>
internal sealed record NeetoPlaydashPaginationDto
{
    [JsonPropertyName("total_records")]
    public int? TotalRecords { get; set; }

    [JsonPropertyName("total_pages")]
    public int? TotalPages { get; set; }

    [JsonPropertyName("current_page_number")]
    public int? CurrentPageNumber { get; set; }

    [JsonPropertyName("page_size")]
    public int? PageSize { get; set; }
}
