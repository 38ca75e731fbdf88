using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor.Dto;

namespace RunsGateway.Vendors.CcExtractor;

/// <summary>Maps CCExtractor DTOs into the unified model (vendor-mapping.md).</summary>
internal static class CcExtractorMapper
{
    /// <summary>The state and result of a CCExtractor status.</summary>
    public static (RunState State, RunResult Result) MapStatus(string? status) => status switch
    {
        "queued" => (RunState.Queued, RunResult.Pending),
        "running" => (RunState.Running, RunResult.Pending),
        "pass" or "passed" => (RunState.Finished, RunResult.Passed),
        "fail" or "failed" => (RunState.Finished, RunResult.Failed),
        // The vendor uses canceled for explicit cancellation and for infrastructure errors alike.
        "canceled" => (RunState.Finished, RunResult.Canceled),
        "error" => (RunState.Finished, RunResult.Error),
        _ => (RunState.Unknown, RunResult.Unknown),
    };

    public static Result<Run> MapRun(RunRef runRef, CcExtractorRunDto dto)
    {
        if (dto.Status is null)
        {
            return Result.Failure<Run>(MapperHelpers.MissingField(Vendor.CcExtractor, "status"));
        }

        var (state, result) = MapStatus(dto.Status);
        var derived = dto.DurationMs is null ? MapperHelpers.DerivedDurationMs(dto.StartedAt, dto.CompletedAt) : null;
        var attributes = new Dictionary<string, string>();
        MapperHelpers.AddIfPresent(attributes, "commit_short", dto.CommitShort);
        MapperHelpers.AddIfPresent(attributes, "test_type", dto.TestType);
        if (dto.Links is { ValueKind: System.Text.Json.JsonValueKind.Object } links)
        {
            foreach (var entry in links.EnumerateObject())
            {
                if (entry.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    MapperHelpers.AddIfPresent(attributes, $"links.{entry.Name}", entry.Value.GetString());
                }
            }
        }

        return Result.Success(new Run
        {
            Ref = runRef,
            State = state,
            Result = result,
            RawStatus = dto.Status,
            IsCacheable = FinishedRules.CcExtractor(dto.Status, dto.HasCompletedAt, dto.CompletedAt),
            CreatedAt = dto.CreatedAt,
            QueuedAt = dto.QueuedAt,
            StartedAt = dto.StartedAt,
            CompletedAt = dto.CompletedAt,
            DurationMs = dto.DurationMs ?? derived,
            IsDurationDerived = dto.DurationMs is null && derived is not null,
            Repository = dto.Repository,
            Branch = dto.Branch,
            CommitSha = dto.CommitSha,
            PullRequest = dto.PullRequest ?? dto.PrNumber,
            Platform = dto.Platform,
            TriggeredBy = dto.TriggeredBy,
            ErrorMessage = MapperHelpers.NullIfBlank(dto.RunErrors),
            WebUrl = Uri.TryCreate(dto.GithubLink, UriKind.Absolute, out var web) && (web.Scheme == Uri.UriSchemeHttps || web.Scheme == Uri.UriSchemeHttp) ? web : null,
            Attributes = attributes,
            Summary = null,
            SummaryIncluded = false,
            FirstSpecPage = SpecPage.Empty,
        });
    }

    /// <summary>Maps <c>/runs/{id}/summary</c>; <paramref name="isFinal"/> comes from the run (the summary endpoint does not say).</summary>
    public static Result<Summary?> MapSummary(CcExtractorSummaryDto dto, bool isFinal)
    {
        if (dto.TotalSamples is not { } total || dto.PassCount is not { } passed || dto.FailCount is not { } failed)
        {
            var missing = dto.TotalSamples is null ? "total_samples" : dto.PassCount is null ? "pass_count" : "fail_count";
            return Result.Failure<Summary?>(MapperHelpers.MissingField(Vendor.CcExtractor, missing));
        }

        return Result.Success<Summary?>(new Summary
        {
            Total = total,
            Passed = passed,
            // fail_count counts failed TestResult rows; test.failed only reflects cancellation and is never used.
            Failed = failed,
            Skipped = dto.SkippedCount,
            MissingOutput = dto.MissingOutputCount,
            ErrorCount = dto.ErrorCount,
            DurationMs = dto.DurationMs,
            IsFinal = isFinal,
        });
    }
}
