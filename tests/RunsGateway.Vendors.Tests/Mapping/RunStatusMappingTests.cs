using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.CcExtractor.Dto;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.Crewship.Dto;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.NeetoPlaydash.Dto;
using RunsGateway.Vendors.TestVibe;
using RunsGateway.Vendors.TestVibe.Dto;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Mapping;

/// <summary>vendor-mapping.md, "Run state and result": one row per table row (and the unknown-value row per vendor).</summary>
public sealed class RunStatusMappingTests
{
    [Theory]
    [InlineData("queued", RunState.Queued, RunResult.Pending)]
    [InlineData("running", RunState.Running, RunResult.Pending)]
    [InlineData("pass", RunState.Finished, RunResult.Passed)]
    [InlineData("passed", RunState.Finished, RunResult.Passed)]
    [InlineData("fail", RunState.Finished, RunResult.Failed)]
    [InlineData("failed", RunState.Finished, RunResult.Failed)]
    [InlineData("canceled", RunState.Finished, RunResult.Canceled)]
    [InlineData("error", RunState.Finished, RunResult.Error)]
    [InlineData("incomplete", RunState.Unknown, RunResult.Unknown)]
    [InlineData("exploded", RunState.Unknown, RunResult.Unknown)]
    public void CcExtractorMapRun_Status_MapsStateResultAndKeepsRawStatus(string status, RunState state, RunResult result)
    {
        var run = CcExtractorMapper.MapRun(VendorHarness.Ref(Vendor.CcExtractor, "1"), new CcExtractorRunDto { Status = status }).Value;

        run.State.ShouldBe(state);
        run.Result.ShouldBe(result);
        run.RawStatus.ShouldBe(status);
        run.IsFinished.ShouldBe(state == RunState.Finished);
    }

    [Theory]
    [InlineData("running", false, RunState.Running, RunResult.Pending)]
    [InlineData("passing", false, RunState.Running, RunResult.Passed)]
    [InlineData("failing", false, RunState.Running, RunResult.Failed)]
    [InlineData("passed", false, RunState.Finished, RunResult.Passed)]
    [InlineData("failed", false, RunState.Finished, RunResult.Failed)]
    [InlineData("timedOut", false, RunState.Finished, RunResult.TimedOut)]
    [InlineData("interrupted", false, RunState.Finished, RunResult.Interrupted)]
    [InlineData("passed", true, RunState.Running, RunResult.Passed)]
    [InlineData("running", true, RunState.Running, RunResult.Pending)]
    [InlineData("queued_somewhere", false, RunState.Unknown, RunResult.Unknown)]
    public void NeetoPlaydashMapRun_StatusAndIsRunning_MapsStateAndResult(string status, bool isRunning, RunState state, RunResult result)
    {
        var dto = new NeetoPlaydashRunDto { Status = status, IsRunning = isRunning };

        var run = NeetoPlaydashMapper.MapRun(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), dto).Value;

        run.State.ShouldBe(state);
        run.Result.ShouldBe(result);
        run.RawStatus.ShouldBe(status);
    }

    [Theory]
    [InlineData("running", false, RunState.Queued, RunResult.Pending)]
    [InlineData("running", true, RunState.Running, RunResult.Pending)]
    [InlineData("passed", true, RunState.Finished, RunResult.Passed)]
    [InlineData("failed", true, RunState.Finished, RunResult.Failed)]
    [InlineData("aborted", true, RunState.Unknown, RunResult.Unknown)]
    public void TestVibeMapRun_StatusAndStartedUtc_MapsStateAndResult(string status, bool started, RunState state, RunResult result)
    {
        var dto = new TestVibeRunDto { Status = status, StartedUtc = started ? DateTimeOffset.Parse("2026-06-10T16:02:19Z") : null };

        var run = TestVibeMapper.MapRun(VendorHarness.Ref(Vendor.TestVibe, "5", "p"), dto).Value;

        run.State.ShouldBe(state);
        run.Result.ShouldBe(result);
        run.RawStatus.ShouldBe(status);
    }

    [Theory]
    [InlineData("pending", RunState.Queued, RunResult.Pending)]
    [InlineData("running", RunState.Running, RunResult.Pending)]
    [InlineData("succeeded", RunState.Finished, RunResult.Passed)]
    [InlineData("failed", RunState.Finished, RunResult.Failed)]
    [InlineData("canceled", RunState.Finished, RunResult.Canceled)]
    [InlineData("paused", RunState.Unknown, RunResult.Unknown)]
    public void CrewshipMapRun_Status_MapsStateAndResult(string status, RunState state, RunResult result)
    {
        var run = CrewshipMapper.MapRun(VendorHarness.Ref(Vendor.Crewship, "run_1"), new CrewshipRunDto { Status = status, ErrorMessage = "why" }).Value;

        run.State.ShouldBe(state);
        run.Result.ShouldBe(result);
        run.RawStatus.ShouldBe(status);
        run.ErrorMessage.ShouldBe("why");
    }

    [Fact]
    public void MapRun_MissingStatus_IsBadResponseNotException()
    {
        var runRef = VendorHarness.Ref(Vendor.Crewship, "run_1");

        var error = CrewshipMapper.MapRun(runRef, new CrewshipRunDto()).Error!;

        error.Kind.ShouldBe(VendorErrorKind.BadResponse);
        error.Vendor.ShouldBe(Vendor.Crewship);
        error.Message.ShouldContain("status");
    }
}
