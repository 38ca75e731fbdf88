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

/// <summary>vendor-mapping.md, "Summary": every unified field for every vendor.</summary>
public sealed class SummaryMappingTests
{
    [Fact]
    public void CcExtractorMapSummary_AllFields_MapOneToOne()
    {
        var dto = new CcExtractorSummaryDto
        {
            TotalSamples = 120, PassCount = 100, FailCount = 7, SkippedCount = 3, MissingOutputCount = 4, ErrorCount = 6, DurationMs = 987654,
        };

        var summary = CcExtractorMapper.MapSummary(dto, isFinal: false).Value!;

        summary.ShouldBe(new Summary
        {
            Total = 120, Passed = 100, Failed = 7, Skipped = 3, Flaky = null, Other = null, MissingOutput = 4, ErrorCount = 6, DurationMs = 987654, IsFinal = false,
        });
    }

    [Fact]
    public void CcExtractorMapSummary_CurrentCodeWithStatusAndMissingOptionals_ParsesWithNulls()
    {
        var dto = System.Text.Json.JsonSerializer.Deserialize(
            """{"run_id":5,"total_samples":10,"pass_count":9,"fail_count":1,"status":"fail","unexpected":{"x":1}}""",
            CcExtractorJsonContext.Default.CcExtractorSummaryDto)!;

        var summary = CcExtractorMapper.MapSummary(dto, isFinal: true).Value!;

        summary.Failed.ShouldBe(1);
        summary.Skipped.ShouldBeNull();
        summary.MissingOutput.ShouldBeNull();
        summary.ErrorCount.ShouldBeNull();
        summary.DurationMs.ShouldBeNull();
        dto.Status.ShouldBe("fail");
    }

    [Fact]
    public void CcExtractorMapSummary_MissingFailCount_IsBadResponse()
    {
        var error = CcExtractorMapper.MapSummary(new CcExtractorSummaryDto { TotalSamples = 1, PassCount = 1 }, true).Error!;

        error.Kind.ShouldBe(VendorErrorKind.BadResponse);
        error.Message.ShouldContain("fail_count");
    }

    [Theory]
    [InlineData("Passed", 5, 5, 5, 0, 0, 0, 0)]
    [InlineData("Flaky", 5, 5, 0, 5, 0, 0, 0)]
    [InlineData("Failed", 5, 5, 0, 0, 5, 0, 0)]
    [InlineData("Timed out", 5, 5, 0, 0, 5, 0, 0)]
    [InlineData("TimedOut", 5, 5, 0, 0, 5, 0, 0)]
    [InlineData("Interrupted", 5, 5, 0, 0, 5, 0, 0)]
    [InlineData("Skipped", 5, 5, 0, 0, 0, 5, 0)]
    [InlineData("Queued", 5, 5, 0, 0, 0, 0, 5)]
    [InlineData("PASSED", 2, 2, 2, 0, 0, 0, 0)]
    [InlineData("flaky", 2, 2, 2, 2, 0, 0, 0)]
    [InlineData("timed_out", 2, 2, 0, 0, 2, 0, 0)]
    public void NeetoPlaydashMapSummary_OneStatistic_LandsInItsUnifiedCount(string name, int value, int total, int passed, int flaky, int failed, int skipped, int other)
    {
        var summary = NeetoPlaydashMapper.MapSummary([new NeetoPlaydashStatisticDto { Name = name, Value = value }], isFinal: true)!;

        summary.Total.ShouldBe(total);
        // "Flaky" counts as passed as well: a flaky test passed in the end.
        summary.Passed.ShouldBe(name.Equals("flaky", StringComparison.OrdinalIgnoreCase) ? value : passed);
        summary.Flaky.ShouldBe(flaky);
        summary.Failed.ShouldBe(failed);
        summary.Skipped.ShouldBe(skipped);
        summary.Other.ShouldBe(other);
        summary.MissingOutput.ShouldBeNull();
        summary.ErrorCount.ShouldBeNull();
        summary.DurationMs.ShouldBeNull();
    }

    [Fact]
    public void NeetoPlaydashMapSummary_AllStatistics_TotalIsSumOfAll()
    {
        NeetoPlaydashStatisticDto[] statistics =
        [
            new() { Name = "Passed", Value = 38 }, new() { Name = "Failed", Value = 2 }, new() { Name = "Flaky", Value = 1 },
            new() { Name = "Timed out", Value = 3 }, new() { Name = "Interrupted", Value = 1 }, new() { Name = "Skipped", Value = 4 },
            new() { Name = "Mystery", Value = 2 },
        ];

        var summary = NeetoPlaydashMapper.MapSummary(statistics, isFinal: false)!;

        summary.ShouldBe(new Summary { Total = 51, Passed = 39, Failed = 6, Flaky = 1, Skipped = 4, Other = 2, IsFinal = false });
    }

    [Fact]
    public void NeetoPlaydashMapRun_NoRunStatistics_SummaryIsNullAndNotCountedFromSpecs()
    {
        var dto = new NeetoPlaydashRunDto
        {
            Status = "passed",
            IsRunning = false,
            Specs = [new NeetoPlaydashSpecDto { SpecId = "s", Tests = [new NeetoPlaydashTestDto { TestId = "t", Status = "passed" }] }],
        };

        NeetoPlaydashMapper.MapRun(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), dto).Value.Summary.ShouldBeNull();
    }

    [Fact]
    public void TestVibeMapRun_Summary_MapsTotalPassedFailedOtherAndNullsTheRest()
    {
        var dto = new TestVibeRunDto
        {
            Status = "running",
            StartedUtc = DateTimeOffset.Parse("2026-06-10T16:02:19Z"),
            Summary = new TestVibeSummaryDto { Total = 9, Passed = 5, Failed = 3, Other = 1 },
        };

        var summary = TestVibeMapper.MapRun(VendorHarness.Ref(Vendor.TestVibe, "8", "p"), dto).Value.Summary!;

        summary.ShouldBe(new Summary { Total = 9, Passed = 5, Failed = 3, Other = 1, Skipped = null, Flaky = null, MissingOutput = null, ErrorCount = null, DurationMs = null, IsFinal = false });
    }

    [Fact]
    public void TestVibeMapRun_NoResultsYet_SummaryIsNull()
    {
        var run = TestVibeMapper.MapRun(VendorHarness.Ref(Vendor.TestVibe, "8", "p"), new TestVibeRunDto { Status = "running" }).Value;

        run.Summary.ShouldBeNull();
        run.FirstSpecPage.Items.ShouldHaveSingleItem().Tests.ShouldBeEmpty();
    }

    [Fact]
    public void CrewshipMapRun_AnyRun_HasNullSummaryNoSpecsNoTests()
    {
        var run = CrewshipMapper.MapRun(VendorHarness.Ref(Vendor.Crewship, "run_1"), new CrewshipRunDto { Status = "succeeded" }).Value;

        run.Summary.ShouldBeNull();
        run.SummaryIncluded.ShouldBeTrue();
        run.FirstSpecPage.ShouldBe(SpecPage.Empty);
        run.Artifacts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("passed", false, true)]
    [InlineData("passing", false, false)]
    [InlineData("passed", true, false)]
    public void NeetoPlaydashMapRun_IsFinal_FollowsFinishedRule(string status, bool isRunning, bool isFinal)
    {
        var dto = new NeetoPlaydashRunDto { Status = status, IsRunning = isRunning, RunStatistics = [new() { Name = "Passed", Value = 1 }] };

        NeetoPlaydashMapper.MapRun(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), dto).Value.Summary!.IsFinal.ShouldBe(isFinal);
    }
}
