using System.Text.Json;
using RunsGateway.Core;
using RunsGateway.Vendors.Crewship.Dto;

namespace RunsGateway.Vendors.Crewship;

/// <summary>Maps Crewship DTOs into the unified model (vendor-mapping.md): no summary, no specs, no tests.</summary>
internal static class CrewshipMapper
{
    public static (RunState State, RunResult Result) MapStatus(string? status) => status switch
    {
        "pending" => (RunState.Queued, RunResult.Pending),
        "running" => (RunState.Running, RunResult.Pending),
        "succeeded" => (RunState.Finished, RunResult.Passed),
        "failed" => (RunState.Finished, RunResult.Failed),
        "canceled" => (RunState.Finished, RunResult.Canceled),
        _ => (RunState.Unknown, RunResult.Unknown),
    };

    public static Result<Run> MapRun(RunRef runRef, CrewshipRunDto dto)
    {
        if (dto.Status is null)
        {
            return Result.Failure<Run>(MapperHelpers.MissingField(Vendor.Crewship, "status"));
        }

        var (state, result) = MapStatus(dto.Status);
        var duration = MapperHelpers.DerivedDurationMs(dto.StartedAt, dto.CompletedAt);
        var attributes = new Dictionary<string, string>();
        MapperHelpers.AddIfPresent(attributes, "version_id", dto.VersionId);
        MapperHelpers.AddIfPresent(attributes, "deployment_id", dto.DeploymentId);
        return Result.Success(new Run
        {
            Ref = runRef,
            State = state,
            Result = result,
            RawStatus = dto.Status,
            IsCacheable = FinishedRules.Crewship(dto.Status, dto.CompletedAt),
            CreatedAt = dto.CreatedAt,
            StartedAt = dto.StartedAt,
            CompletedAt = dto.CompletedAt,
            DurationMs = duration,
            IsDurationDerived = duration is not null,
            ErrorMessage = dto.ErrorMessage,
            Input = NullIfJsonNull(dto.Input),
            Output = NullIfJsonNull(dto.Output),
            Attributes = attributes,
            Summary = null,
            SummaryIncluded = true,
            FirstSpecPage = SpecPage.Empty,
        });
    }

    private static JsonElement? NullIfJsonNull(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value : null;
}
