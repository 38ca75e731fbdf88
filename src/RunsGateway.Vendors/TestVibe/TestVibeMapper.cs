using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RunsGateway.Core;
using RunsGateway.Vendors.TestVibe.Dto;

namespace RunsGateway.Vendors.TestVibe;

/// <summary>Maps TestVibe DTOs into the unified model (vendor-mapping.md).</summary>
internal static class TestVibeMapper
{
    /// <summary>The vendor trims per-test errors to this many characters; a message this long was probably cut.</summary>
    public const int ErrorTrimLength = 1500;

    /// <summary>The state and result of a status; a running run that has not started is QUEUED.</summary>
    public static (RunState State, RunResult Result) MapStatus(string? status, DateTimeOffset? startedUtc) => status switch
    {
        "running" => (startedUtc is null ? RunState.Queued : RunState.Running, RunResult.Pending),
        "passed" => (RunState.Finished, RunResult.Passed),
        "failed" => (RunState.Finished, RunResult.Failed),
        _ => (RunState.Unknown, RunResult.Unknown),
    };

    public static TestStatus MapTestStatus(string? status) => status switch
    {
        "passed" => TestStatus.Passed,
        "failed" => TestStatus.Failed,
        _ => TestStatus.Other,
    };

    public static Result<Run> MapRun(RunRef runRef, TestVibeRunDto dto)
    {
        if (dto.Status is null)
        {
            return Result.Failure<Run>(MapperHelpers.MissingField(Vendor.TestVibe, "status"));
        }

        var (state, result) = MapStatus(dto.Status, dto.StartedUtc);
        var cacheable = FinishedRules.TestVibe(dto.Status, dto.FinishedUtc);
        var duration = MapperHelpers.DerivedDurationMs(dto.StartedUtc, dto.FinishedUtc);
        var attributes = new Dictionary<string, string>();
        MapperHelpers.AddIfPresent(attributes, "featureId", dto.FeatureId?.ToString(CultureInfo.InvariantCulture));
        MapperHelpers.AddIfPresent(attributes, "config", dto.Config);
        MapperHelpers.AddIfPresent(attributes, "siteUrl", dto.SiteUrl);

        var spec = MapSpec(runRef, dto);
        return Result.Success(new Run
        {
            Ref = runRef,
            Name = dto.FeatureName,
            State = state,
            Result = result,
            RawStatus = dto.Status,
            IsCacheable = cacheable,
            CreatedAt = dto.CreatedUtc,
            StartedAt = dto.StartedUtc,
            CompletedAt = dto.FinishedUtc,
            DurationMs = duration,
            IsDurationDerived = duration is not null,
            Log = dto.Log,
            Attributes = attributes,
            Summary = dto.Summary is { } summary ? MapSummary(summary, cacheable) : null,
            SummaryIncluded = true,
            FirstSpecPage = new SpecPage([spec], 1, SpecPage.UpstreamPageSize, 1, HasNextPage: false),
            Artifacts = (dto.Artifacts ?? [])
                .OfType<TestVibeArtifactDto>()
                .Select(a => new Artifact(a.Kind ?? string.Empty, a.Path ?? string.Empty, a.Size))
                .ToArray(),
        });
    }

    public static Summary MapSummary(TestVibeSummaryDto dto, bool isFinal) => new()
    {
        Total = dto.Total ?? 0,
        Passed = dto.Passed ?? 0,
        Failed = dto.Failed ?? 0,
        Other = dto.Other,
        IsFinal = isFinal,
    };

    /// <summary>The run's single spec: its feature, with every test.</summary>
    public static Spec MapSpec(RunRef runRef, TestVibeRunDto dto)
    {
        var specId = dto.FeatureId is { } featureId ? $"feature-{featureId.ToString(CultureInfo.InvariantCulture)}" : "feature";
        var tests = new List<Test>();
        var position = 0;
        foreach (var testDto in dto.Tests ?? [])
        {
            position++;
            if (testDto is null)
            {
                continue;
            }

            var name = testDto.Name ?? string.Empty;
            tests.Add(new Test
            {
                Id = TestId(runRef, position, name),
                SpecId = specId,
                Name = name,
                Status = MapTestStatus(testDto.Status),
                RawStatus = testDto.Status ?? string.Empty,
                DurationMs = testDto.DurationMs,
                Message = testDto.Error,
                MessageTruncated = testDto.Error is { Length: >= ErrorTrimLength },
            });
        }

        return new Spec(specId, dto.FeatureName ?? specId, null, tests);
    }

    /// <summary>TestVibe tests have no id: one is derived from the run, the test's position (from 1) and a hash of its name.</summary>
    public static string TestId(RunRef runRef, int position, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return string.Create(CultureInfo.InvariantCulture, $"{runRef.RunId}-{position}-{Convert.ToHexStringLower(hash.AsSpan(0, 4))}");
    }
}
