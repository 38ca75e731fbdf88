using System.Text.Json.Nodes;

namespace RunsGateway.VendorSimulator.CcExtractor;

/// <summary>A seeded CCExtractor run: fixed facts plus the planned times that decide its status at any instant.</summary>
internal sealed record CcRunPlan(
    int RunId,
    string Repository,
    string? Branch,
    string CommitSha,
    int? PullRequest,
    string Platform,
    string RunErrors,
    string? TriggeredBy,
    bool CurrentCodeShape,
    string FinalStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    CcCounts Counts);

/// <summary>The final regression-test counts of a run; a running run shows a proportional share.</summary>
internal sealed record CcCounts(int Pass, int Fail, int Skipped, int MissingOutput, int Error, long TestDurationMs);

/// <summary>GET /runs/{run_id} as documented.</summary>
internal sealed record CcRunResponse(
    int RunId,
    string Status,
    string Repository,
    string? Branch,
    string CommitSha,
    string CommitShort,
    int? PullRequest,
    string Platform,
    string RunErrors,
    string? TriggeredBy,
    string CreatedAt,
    string? QueuedAt,
    string? StartedAt,
    string? CompletedAt,
    long? DurationMs,
    CcLinks Links);

internal sealed record CcLinks(string Self, string Summary, string Html);

/// <summary>GET /runs/{run_id} in the shape the platform's current code returns (see vendor-mapping.md).</summary>
internal sealed record CcRunCurrentCodeResponse(
    int RunId,
    string Status,
    string Repository,
    string? Branch,
    string CommitSha,
    int? PullRequest,
    string Platform,
    string CreatedAt,
    string? QueuedAt,
    string? StartedAt,
    string? CompletedAt,
    string TestType,
    int? PrNumber,
    string GithubLink);

/// <summary>GET /runs/{run_id}/summary as documented.</summary>
internal sealed record CcSummaryResponse(
    int RunId,
    int TotalSamples,
    int PassCount,
    int FailCount,
    int SkippedCount,
    int MissingOutputCount,
    int ErrorCount,
    long? DurationMs,
    string? TriggeredBy);

/// <summary>The summary of the current code: the documented fields plus the run's <c>status</c>.</summary>
internal sealed record CcSummaryCurrentCodeResponse(
    int RunId,
    string Status,
    int TotalSamples,
    int PassCount,
    int FailCount,
    int SkippedCount,
    int MissingOutputCount,
    int ErrorCount,
    long? DurationMs,
    string? TriggeredBy);

/// <summary>The error body of every CCExtractor error: <c>{code, message, details}</c>, details never null.</summary>
internal sealed record CcErrorResponse(string Code, string Message, JsonObject Details);
