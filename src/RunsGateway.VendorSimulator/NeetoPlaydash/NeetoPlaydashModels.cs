namespace RunsGateway.VendorSimulator.NeetoPlaydash;

/// <summary>A seeded NeetoPlaydash run; specs complete one by one at their planned instants.</summary>
internal sealed record NeetoRunPlan(
    string ProjectId,
    string RunId,
    string CommitId,
    DateTimeOffset CreatedAt,
    string CommitName,
    string FinalStatus,
    double? FinalDuration,
    string CiBuildId,
    string? Branch,
    string? Author,
    IReadOnlyList<string> Tags,
    int? TotalShards,
    IReadOnlyList<NeetoSpecPlan> Specs,
    DateTimeOffset FinishedAt);

internal sealed record NeetoSpecPlan(string SpecId, string FileName, IReadOnlyList<NeetoTest> Tests, DateTimeOffset CompletesAt);

/// <summary>A test as the API shows it: <c>{test_id, title, status, duration}</c> (seconds).</summary>
internal sealed record NeetoTest(string TestId, string Title, string Status, double Duration);

/// <summary>GET /projects/{project_id}/runs/{run_id}.</summary>
internal sealed record NeetoRunResponse(
    string ProjectId,
    string RunId,
    string CommitId,
    string CreatedAt,
    string CommitName,
    string Status,
    double? Duration,
    string CiBuildId,
    string? Branch,
    string? Author,
    IReadOnlyList<string> Tags,
    bool IsRunning,
    IReadOnlyList<NeetoStatistic> RunStatistics,
    int? TotalShards,
    IReadOnlyList<NeetoSpecResponse> Specs,
    NeetoPagination Pagination);

internal sealed record NeetoStatistic(string Name, int Value);

internal sealed record NeetoSpecResponse(string SpecId, string FileName, IReadOnlyList<NeetoTest> Tests);

internal sealed record NeetoPagination(int TotalRecords, int TotalPages, int CurrentPageNumber, int PageSize);

/// <summary>NeetoPlaydash's error body: <c>{"error": "text"}</c>.</summary>
internal sealed record NeetoErrorResponse(string Error);
