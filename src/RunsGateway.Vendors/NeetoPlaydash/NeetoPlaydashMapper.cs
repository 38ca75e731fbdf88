using RunsGateway.Core;
using RunsGateway.Vendors.NeetoPlaydash.Dto;

namespace RunsGateway.Vendors.NeetoPlaydash;

/// <summary>Maps NeetoPlaydash DTOs into the unified model (vendor-mapping.md).</summary>
internal static class NeetoPlaydashMapper
{
    /// <summary>The vendor's test status values that make up each unified status (for the upstream <c>status</c> filter).</summary>
    public static IReadOnlyList<string> RawTestStatuses(TestStatus status) => status switch
    {
        TestStatus.Passed => ["passed", "flaky"],
        TestStatus.Failed => ["failed", "timed_out", "interrupted"],
        TestStatus.Skipped => ["skipped"],
        _ => [],
    };

    /// <summary>The state and result of a run status; <c>is_running: true</c> always means RUNNING.</summary>
    public static (RunState State, RunResult Result) MapStatus(string? status, bool? isRunning)
    {
        var (state, result) = status switch
        {
            "running" => (RunState.Running, RunResult.Pending),
            "passing" => (RunState.Running, RunResult.Passed),
            "failing" => (RunState.Running, RunResult.Failed),
            "passed" => (RunState.Finished, RunResult.Passed),
            "failed" => (RunState.Finished, RunResult.Failed),
            "timedOut" => (RunState.Finished, RunResult.TimedOut),
            "interrupted" => (RunState.Finished, RunResult.Interrupted),
            _ => (RunState.Unknown, RunResult.Unknown),
        };
        return isRunning == true ? (RunState.Running, result) : (state, result);
    }

    /// <summary>The CTRF status, flakiness and failure kind of a test status.</summary>
    public static (TestStatus Status, bool Flaky, FailureKind? FailureKind) MapTestStatus(string? status) => status switch
    {
        "passed" => (TestStatus.Passed, false, null),
        "failed" => (TestStatus.Failed, false, null),
        "skipped" => (TestStatus.Skipped, false, null),
        "flaky" => (TestStatus.Passed, true, null),
        "timed_out" => (TestStatus.Failed, false, FailureKind.TimedOut),
        "interrupted" => (TestStatus.Failed, false, FailureKind.Interrupted),
        _ => (TestStatus.Other, false, null),
    };

    public static Result<Run> MapRun(RunRef runRef, NeetoPlaydashRunDto dto)
    {
        if (dto.Status is null)
        {
            return Result.Failure<Run>(MapperHelpers.MissingField(Vendor.NeetoPlaydash, "status"));
        }

        var (state, result) = MapStatus(dto.Status, dto.IsRunning);
        var cacheable = FinishedRules.NeetoPlaydash(dto.Status, dto.IsRunning);
        return Result.Success(new Run
        {
            Ref = runRef,
            State = state,
            Result = result,
            RawStatus = dto.Status,
            IsCacheable = cacheable,
            CreatedAt = dto.CreatedAt,
            DurationMs = MapperHelpers.SecondsToMilliseconds(dto.Duration),
            Branch = dto.Branch,
            CommitSha = dto.CommitId,
            CommitMessage = dto.CommitName,
            Author = dto.Author,
            CiBuildId = dto.CiBuildId,
            Shards = dto.TotalShards,
            Tags = dto.Tags?.OfType<string>().ToArray() ?? [],
            Summary = MapSummary(dto.RunStatistics, cacheable),
            SummaryIncluded = true,
            FirstSpecPage = MapSpecPage(dto, requestedPage: 1, status: null),
        });
    }

    /// <summary>
    /// Maps <c>run_statistics</c> (names matched case-insensitively, ignoring spaces, underscores and hyphens); null when absent.
    /// </summary>
    public static Summary? MapSummary(IReadOnlyList<NeetoPlaydashStatisticDto?>? statistics, bool isFinal)
    {
        if (statistics is null)
        {
            return null;
        }

        int total = 0, passed = 0, failed = 0, skipped = 0, flaky = 0, other = 0;
        foreach (var statistic in statistics)
        {
            if (statistic?.Value is not { } value)
            {
                continue;
            }

            total += value;
            switch (Normalize(statistic.Name))
            {
                case "PASSED":
                    passed += value;
                    break;
                case "FLAKY":
                    // A flaky test passed in the end.
                    passed += value;
                    flaky += value;
                    break;
                case "FAILED" or "TIMEDOUT" or "INTERRUPTED":
                    failed += value;
                    break;
                case "SKIPPED":
                    skipped += value;
                    break;
                default:
                    other += value;
                    break;
            }
        }

        return new Summary
        {
            Total = total,
            Passed = passed,
            Failed = failed,
            Skipped = skipped,
            Flaky = flaky,
            Other = other,
            IsFinal = isFinal,
        };
    }

    /// <summary>Maps the specs and pagination of a response; with <paramref name="status"/>, keeps only the matching tests and specs.</summary>
    public static SpecPage MapSpecPage(NeetoPlaydashRunDto dto, int requestedPage, TestStatus? status)
    {
        var specs = new List<Spec>();
        var specIndex = 0;
        foreach (var specDto in dto.Specs ?? [])
        {
            specIndex++;
            if (specDto is null)
            {
                continue;
            }

            var spec = MapSpec(specDto, requestedPage, specIndex);
            if (status is { } wanted)
            {
                var tests = spec.Tests.Where(t => t.Status == wanted).ToArray();
                if (tests.Length == 0)
                {
                    continue;
                }

                spec = spec with { Tests = tests };
            }

            specs.Add(spec);
        }

        var pagination = dto.Pagination;
        var pageNumber = pagination?.CurrentPageNumber ?? requestedPage;
        return new SpecPage(
            specs,
            pageNumber,
            pagination?.PageSize ?? SpecPage.UpstreamPageSize,
            pagination?.TotalRecords,
            HasNextPage: pagination?.TotalPages is { } totalPages && pageNumber < totalPages);
    }

    private static Spec MapSpec(NeetoPlaydashSpecDto dto, int page, int index)
    {
        // A spec without an id gets one from its position, so ids stay unique within the run.
        var specId = dto.SpecId ?? $"p{page}-s{index}";
        var tests = new List<Test>();
        var testIndex = 0;
        foreach (var testDto in dto.Tests ?? [])
        {
            testIndex++;
            if (testDto is null)
            {
                continue;
            }

            var (status, flaky, failureKind) = MapTestStatus(testDto.Status);
            tests.Add(new Test
            {
                Id = testDto.TestId ?? $"{specId}-t{testIndex}",
                SpecId = specId,
                Name = testDto.Title ?? string.Empty,
                Status = status,
                RawStatus = testDto.Status ?? string.Empty,
                Flaky = flaky,
                FailureKind = failureKind,
                DurationMs = MapperHelpers.SecondsToMilliseconds(testDto.Duration),
            });
        }

        return new Spec(specId, dto.FileName ?? specId, dto.FileName, tests);
    }

    private static string Normalize(string? name) =>
        string.Concat((name ?? string.Empty).Where(c => c is not (' ' or '_' or '-'))).ToUpperInvariant();
}
