using System.Text.Json.Serialization;
using RunsGateway.Vendors.Drift;

namespace RunsGateway.Vendors.NeetoPlaydash.Dto;

/// <summary><c>GET /projects/{project_id}/runs/{run_id}</c>: the run with one page of specs.</summary>
internal sealed record NeetoPlaydashRunDto
{
    [JsonPropertyName("project_id")]
    public string? ProjectId { get; init; }

    [AlwaysPresent]
    [JsonPropertyName("run_id")]
    public string? RunId { get; init; }

    [JsonPropertyName("commit_id")]
    public string? CommitId { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("commit_name")]
    public string? CommitName { get; init; }

    [AlwaysPresent]
    [KnownValues("running", "passing", "failing", "passed", "failed", "timedOut", "interrupted")]
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Run duration in (fractional) seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; init; }

    [JsonPropertyName("ci_build_id")]
    public string? CiBuildId { get; init; }

    [JsonPropertyName("branch")]
    public string? Branch { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string?>? Tags { get; init; }

    [JsonPropertyName("is_running")]
    public bool? IsRunning { get; init; }

    [JsonPropertyName("run_statistics")]
    public IReadOnlyList<NeetoPlaydashStatisticDto?>? RunStatistics { get; init; }

    [JsonPropertyName("total_shards")]
    public int? TotalShards { get; init; }

    [JsonPropertyName("specs")]
    public IReadOnlyList<NeetoPlaydashSpecDto?>? Specs { get; init; }

    [JsonPropertyName("pagination")]
    public NeetoPlaydashPaginationDto? Pagination { get; init; }
}

/// <summary>One entry of <c>run_statistics</c>: a count of tests by status name.</summary>
internal sealed record NeetoPlaydashStatisticDto
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("value")]
    public int? Value { get; init; }
}

/// <summary>A spec with its tests.</summary>
internal sealed record NeetoPlaydashSpecDto
{
    [JsonPropertyName("spec_id")]
    public string? SpecId { get; init; }

    [AlwaysPresent]
    [JsonPropertyName("file_name")]
    public string? FileName { get; init; }

    [JsonPropertyName("tests")]
    public IReadOnlyList<NeetoPlaydashTestDto?>? Tests { get; init; }
}

/// <summary>A test of a spec.</summary>
internal sealed record NeetoPlaydashTestDto
{
    [JsonPropertyName("test_id")]
    public string? TestId { get; init; }

    [AlwaysPresent]
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [AlwaysPresent]
    [KnownValues("passed", "failed", "skipped", "flaky", "timed_out", "interrupted")]
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Test duration in (fractional) seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; init; }
}

/// <summary>The <c>pagination</c> object of the specs.</summary>
internal sealed record NeetoPlaydashPaginationDto
{
    [JsonPropertyName("total_records")]
    public int? TotalRecords { get; init; }

    [JsonPropertyName("total_pages")]
    public int? TotalPages { get; init; }

    [JsonPropertyName("current_page_number")]
    public int? CurrentPageNumber { get; init; }

    [JsonPropertyName("page_size")]
    public int? PageSize { get; init; }
}
