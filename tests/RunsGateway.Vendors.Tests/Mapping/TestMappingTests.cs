using RunsGateway.Core;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.NeetoPlaydash.Dto;
using RunsGateway.Vendors.TestVibe;
using RunsGateway.Vendors.TestVibe.Dto;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Mapping;

/// <summary>vendor-mapping.md, "Tests (CTRF statuses)".</summary>
public sealed class TestMappingTests
{
    [Theory]
    [InlineData("passed", TestStatus.Passed, false, null)]
    [InlineData("failed", TestStatus.Failed, false, null)]
    [InlineData("skipped", TestStatus.Skipped, false, null)]
    [InlineData("flaky", TestStatus.Passed, true, null)]
    [InlineData("timed_out", TestStatus.Failed, false, FailureKind.TimedOut)]
    [InlineData("interrupted", TestStatus.Failed, false, FailureKind.Interrupted)]
    [InlineData("pending", TestStatus.Other, false, null)]
    [InlineData("weird", TestStatus.Other, false, null)]
    public void NeetoPlaydashTest_Status_MapsStatusFlakyAndFailureKind(string raw, TestStatus status, bool flaky, FailureKind? failureKind)
    {
        var dto = new NeetoPlaydashRunDto
        {
            Status = "passed",
            Specs = [new NeetoPlaydashSpecDto { SpecId = "s1", FileName = "a.spec.ts", Tests = [new NeetoPlaydashTestDto { TestId = "t1", Title = "x", Status = raw, Duration = 1.2345 }] }],
        };

        var test = NeetoPlaydashMapper.MapSpecPage(dto, 1, null).Items.Single().Tests.Single();

        test.Status.ShouldBe(status);
        test.RawStatus.ShouldBe(raw);
        test.Flaky.ShouldBe(flaky);
        test.FailureKind.ShouldBe(failureKind);
        test.DurationMs.ShouldBe(1235);
        test.SpecId.ShouldBe("s1");
    }

    [Theory]
    [InlineData("passed", TestStatus.Passed)]
    [InlineData("failed", TestStatus.Failed)]
    [InlineData("skipped", TestStatus.Other)]
    [InlineData("errored", TestStatus.Other)]
    public void TestVibeTest_Status_MapsStatusAndKeepsRaw(string raw, TestStatus status)
    {
        var dto = new TestVibeRunDto { Status = "failed", Tests = [new TestVibeTestDto { Name = "n", Status = raw }] };

        var test = TestVibeMapper.MapSpec(VendorHarness.Ref(Vendor.TestVibe, "1", "p"), dto).Tests.Single();

        test.Status.ShouldBe(status);
        test.RawStatus.ShouldBe(raw);
        test.Flaky.ShouldBeFalse();
    }

    [Theory]
    [InlineData(1499, false)]
    [InlineData(1500, true)]
    [InlineData(12, false)]
    public void TestVibeTest_ErrorLength_SetsMessageTruncatedAt1500(int length, bool truncated)
    {
        var error = new string('e', length);
        var dto = new TestVibeRunDto { Status = "failed", Tests = [new TestVibeTestDto { Name = "n", Status = "failed", Error = error }] };

        var test = TestVibeMapper.MapSpec(VendorHarness.Ref(Vendor.TestVibe, "1", "p"), dto).Tests.Single();

        test.Message.ShouldBe(error);
        test.MessageTruncated.ShouldBe(truncated);
    }

    [Fact]
    public void TestVibeTest_Ids_AreStableAndDistinctForSameNames()
    {
        var runRef = VendorHarness.Ref(Vendor.TestVibe, "214", "acme");
        var dto = new TestVibeRunDto { Status = "passed", FeatureId = 12, Tests = [new() { Name = "same", Status = "passed" }, new() { Name = "same", Status = "passed" }] };

        var first = TestVibeMapper.MapSpec(runRef, dto).Tests.Select(t => t.Id).ToArray();
        var second = TestVibeMapper.MapSpec(runRef, dto).Tests.Select(t => t.Id).ToArray();

        first.ShouldBe(second);
        first.Distinct().Count().ShouldBe(2);
        first.ShouldAllBe(id => id.StartsWith("214-", StringComparison.Ordinal));
        TestVibeMapper.TestId(VendorHarness.Ref(Vendor.TestVibe, "215", "acme"), 1, "same").ShouldNotBe(first[0]);
    }

    [Fact]
    public void TestVibeRun_HasOneSpec_TheFeature()
    {
        var dto = new TestVibeRunDto { Status = "passed", FeatureId = 7, FeatureName = "Checkout", Tests = [new() { Name = "a", Status = "passed" }] };

        var spec = TestVibeMapper.MapRun(VendorHarness.Ref(Vendor.TestVibe, "1", "p"), dto).Value.FirstSpecPage.Items.ShouldHaveSingleItem();

        spec.Id.ShouldBe("feature-7");
        spec.Name.ShouldBe("Checkout");
        spec.Tests.ShouldHaveSingleItem().SpecId.ShouldBe("feature-7");
    }
}
