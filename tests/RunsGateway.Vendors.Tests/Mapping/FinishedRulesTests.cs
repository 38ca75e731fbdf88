using RunsGateway.Core;

namespace RunsGateway.Vendors.Tests.Mapping;

/// <summary>vendor-mapping.md, "When a run is finished (and cacheable)".</summary>
public sealed class FinishedRulesTests
{
    private static readonly DateTimeOffset Done = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("pass", true, true, true)]
    [InlineData("fail", true, true, true)]
    [InlineData("canceled", true, true, true)]
    [InlineData("error", true, true, true)]
    [InlineData("passed", true, true, true)]
    [InlineData("pass", false, false, true)]
    [InlineData("pass", true, false, false)]
    [InlineData("running", true, true, false)]
    [InlineData("queued", false, false, false)]
    [InlineData("incomplete", true, true, false)]
    public void CcExtractor_StatusAndCompletedAt_DecidesFinished(string status, bool present, bool set, bool expected) =>
        FinishedRules.CcExtractor(status, present, set ? Done : null).ShouldBe(expected);

    [Theory]
    [InlineData("passed", false, true)]
    [InlineData("failed", false, true)]
    [InlineData("timedOut", false, true)]
    [InlineData("interrupted", false, true)]
    [InlineData("passed", true, false)]
    [InlineData("passing", false, false)]
    [InlineData("failing", false, false)]
    [InlineData("running", false, false)]
    public void NeetoPlaydash_StatusAndIsRunning_DecidesFinished(string status, bool isRunning, bool expected) =>
        FinishedRules.NeetoPlaydash(status, isRunning).ShouldBe(expected);

    [Fact]
    public void NeetoPlaydash_IsRunningMissing_IsNotFinished() => FinishedRules.NeetoPlaydash("passed", null).ShouldBeFalse();

    [Theory]
    [InlineData("passed", true, true)]
    [InlineData("failed", true, true)]
    [InlineData("passed", false, false)]
    [InlineData("running", true, false)]
    public void TestVibe_StatusAndFinishedUtc_DecidesFinished(string status, bool finished, bool expected) =>
        FinishedRules.TestVibe(status, finished ? Done : null).ShouldBe(expected);

    [Theory]
    [InlineData("succeeded", true, true)]
    [InlineData("failed", true, true)]
    [InlineData("canceled", true, true)]
    [InlineData("succeeded", false, false)]
    [InlineData("running", false, false)]
    [InlineData("pending", false, false)]
    public void Crewship_StatusAndCompletedAt_DecidesFinished(string status, bool completed, bool expected) =>
        FinishedRules.Crewship(status, completed ? Done : null).ShouldBe(expected);

    [Theory]
    [InlineData("""{"status":"pass","completed_at":null}""", false)]
    [InlineData("""{"status":"pass"}""", true)]
    [InlineData("""{"status":"pass","completed_at":"2026-06-01T00:00:00Z"}""", true)]
    public void CcExtractorMapRun_CompletedAtPresence_DecidesCacheable(string json, bool cacheable)
    {
        var dto = System.Text.Json.JsonSerializer.Deserialize(json, CcExtractor.CcExtractorJsonContext.Default.CcExtractorRunDto)!;

        CcExtractor.CcExtractorMapper.MapRun(TestSupport.VendorHarness.Ref(Vendor.CcExtractor, "3"), dto).Value.IsCacheable.ShouldBe(cacheable);
    }
}
