using System.Text.Json;
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

/// <summary>vendor-mapping.md, "Fields and units" and "Real deployments differ from the documents".</summary>
public sealed class FieldsAndUnitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(182.45, 182450L)]
    [InlineData(3.21, 3210L)]
    [InlineData(0.0004, 0L)]
    [InlineData(0.0006, 1L)]
    [InlineData(0.0, 0L)]
    public void NeetoPlaydashDuration_Seconds_BecomesRoundedMilliseconds(double seconds, long milliseconds)
    {
        var run = NeetoPlaydashMapper.MapRun(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), new NeetoPlaydashRunDto { Status = "passed", Duration = seconds }).Value;

        run.DurationMs.ShouldBe(milliseconds);
        run.IsDurationDerived.ShouldBeFalse();
    }

    [Fact]
    public void NeetoPlaydashDuration_Null_StaysNull() =>
        NeetoPlaydashMapper.MapRun(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), new NeetoPlaydashRunDto { Status = "running" }).Value.DurationMs.ShouldBeNull();

    [Fact]
    public void TestVibeDuration_StartedAndFinished_IsDerived()
    {
        var dto = new TestVibeRunDto { Status = "passed", StartedUtc = Start, FinishedUtc = Start.AddSeconds(35.5) };

        var run = TestVibeMapper.MapRun(VendorHarness.Ref(Vendor.TestVibe, "1", "p"), dto).Value;

        run.DurationMs.ShouldBe(35500);
        run.IsDurationDerived.ShouldBeTrue();
    }

    [Fact]
    public void CrewshipDuration_NotCompleted_IsNull()
    {
        var run = CrewshipMapper.MapRun(VendorHarness.Ref(Vendor.Crewship, "run_1"), new CrewshipRunDto { Status = "running", StartedAt = Start }).Value;

        run.DurationMs.ShouldBeNull();
        run.IsDurationDerived.ShouldBeFalse();
    }

    [Fact]
    public void CcExtractorDuration_VendorValue_WinsOverDerived()
    {
        var dto = new CcExtractorRunDto { Status = "pass", StartedAt = Start, CompletedAt = Start.AddMinutes(10), DurationMs = 1234 };

        var run = CcExtractorMapper.MapRun(VendorHarness.Ref(Vendor.CcExtractor, "1"), dto).Value;

        run.DurationMs.ShouldBe(1234);
        run.IsDurationDerived.ShouldBeFalse();
    }

    [Fact]
    public void CcExtractorDuration_MissingDurationMs_IsDerived()
    {
        var dto = new CcExtractorRunDto { Status = "pass", StartedAt = Start, CompletedAt = Start.AddMinutes(10) };

        var run = CcExtractorMapper.MapRun(VendorHarness.Ref(Vendor.CcExtractor, "1"), dto).Value;

        run.DurationMs.ShouldBe(600_000);
        run.IsDurationDerived.ShouldBeTrue();
    }

    [Fact]
    public void TestVibeArtifact_SizeBeyond32Bits_IsKept()
    {
        var dto = JsonSerializer.Deserialize(
            """{"status":"failed","artifacts":[{"kind":"video","path":"v.mp4","size":5000000000}]}""", TestVibeJsonContext.Default.TestVibeRunDto)!;

        var run = TestVibeMapper.MapRun(VendorHarness.Ref(Vendor.TestVibe, "1", "p"), dto).Value;

        run.Artifacts.ShouldHaveSingleItem().SizeBytes.ShouldBe(5_000_000_000L);
    }

    [Fact]
    public void Times_WithOffsets_AreNormalisedInstants()
    {
        var dto = JsonSerializer.Deserialize("""{"status":"pending","created_at":"2024-01-15T12:35:00+02:00"}""", CrewshipJsonContext.Default.CrewshipRunDto)!;

        var run = CrewshipMapper.MapRun(VendorHarness.Ref(Vendor.Crewship, "run_1"), dto).Value;

        run.CreatedAt!.Value.UtcDateTime.ShouldBe(new DateTime(2024, 1, 15, 10, 35, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void MissingVendorFields_AreNullOrEmpty_NeverGuessed()
    {
        var run = NeetoPlaydashMapper.MapRun(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), new NeetoPlaydashRunDto { Status = "running", IsRunning = true }).Value;

        run.Branch.ShouldBeNull();
        run.Author.ShouldBeNull();
        run.Tags.ShouldBeEmpty();
        run.Shards.ShouldBeNull();
        run.Repository.ShouldBeNull();
        run.Name.ShouldBeNull();
        run.FirstSpecPage.Items.ShouldBeEmpty();
        run.FirstSpecPage.HasNextPage.ShouldBeFalse();
    }

    [Fact]
    public void CcExtractorCurrentShape_PrNumberOnly_FillsPullRequest()
    {
        var dto = JsonSerializer.Deserialize("""{"status":"running","test_type":"commit","pr_number":77}""", CcExtractorJsonContext.Default.CcExtractorRunDto)!;

        var run = CcExtractorMapper.MapRun(VendorHarness.Ref(Vendor.CcExtractor, "1"), dto).Value;

        run.PullRequest.ShouldBe(77);
        run.Attributes["test_type"].ShouldBe("commit");
        run.WebUrl.ShouldBeNull();
    }

    [Fact]
    public void CcExtractorRunErrors_Empty_IsNoErrorMessage() =>
        CcExtractorMapper.MapRun(VendorHarness.Ref(Vendor.CcExtractor, "1"), new CcExtractorRunDto { Status = "pass", RunErrors = "" }).Value.ErrorMessage.ShouldBeNull();
}
