namespace RunsGateway.Core;

/// <summary>
/// When a run is finished and therefore cacheable, per vendor (vendor-mapping.md, "When a run is finished").
/// Status values are the vendor's raw values and compared exactly (vendor casing).
/// </summary>
public static class FinishedRules
{
    /// <summary>CCExtractor: status in pass/passed/fail/failed/canceled/error, and <c>completed_at</c> set when the field is present.</summary>
    /// <param name="status">The raw status.</param>
    /// <param name="completedAtPresent">Whether the response carried a <c>completed_at</c> field at all.</param>
    /// <param name="completedAt">Its value.</param>
    public static bool CcExtractor(string? status, bool completedAtPresent, DateTimeOffset? completedAt) =>
        status is "pass" or "passed" or "fail" or "failed" or "canceled" or "error" && (!completedAtPresent || completedAt is not null);

    /// <summary>NeetoPlaydash: <c>is_running</c> false and status in passed/failed/timedOut/interrupted.</summary>
    public static bool NeetoPlaydash(string? status, bool? isRunning) =>
        isRunning == false && status is "passed" or "failed" or "timedOut" or "interrupted";

    /// <summary>TestVibe: status passed/failed and <c>finishedUtc</c> set.</summary>
    public static bool TestVibe(string? status, DateTimeOffset? finishedUtc) =>
        status is "passed" or "failed" && finishedUtc is not null;

    /// <summary>Crewship: status succeeded/failed/canceled and <c>completed_at</c> set.</summary>
    public static bool Crewship(string? status, DateTimeOffset? completedAt) =>
        status is "succeeded" or "failed" or "canceled" && completedAt is not null;
}
