using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Http;

/// <summary>References are validated (integer ids) or escaped (string ids) so no id can reach another upstream URL.</summary>
public sealed class HostileReferenceTests
{
    [Theory]
    [InlineData(Vendor.CcExtractor, "../admin")]
    [InlineData(Vendor.CcExtractor, "1?x=y")]
    [InlineData(Vendor.CcExtractor, "%2e%2e")]
    [InlineData(Vendor.CcExtractor, "0")]
    [InlineData(Vendor.CcExtractor, "-1")]
    [InlineData(Vendor.CcExtractor, "1.5")]
    [InlineData(Vendor.CcExtractor, " 7")]
    [InlineData(Vendor.CcExtractor, "")]
    [InlineData(Vendor.CcExtractor, "99999999999999999999999")]
    [InlineData(Vendor.TestVibe, "../admin")]
    [InlineData(Vendor.TestVibe, "1?x=y")]
    [InlineData(Vendor.TestVibe, "%2e%2e")]
    [InlineData(Vendor.TestVibe, "0")]
    public void Create_IntegerVendorWithHostileId_IsInvalidReference(Vendor vendor, string runId)
    {
        var result = RunRef.Create(vendor, runId, vendor.RequiresProject() ? "acme" : null);

        result.IsSuccess.ShouldBeFalse();
        result.Error.Kind.ShouldBe(VendorErrorKind.InvalidReference);
        result.Error.Vendor.ShouldBe(vendor);
    }

    [Theory]
    [InlineData(Vendor.Crewship, ".")]
    [InlineData(Vendor.Crewship, "..")]
    [InlineData(Vendor.Crewship, "")]
    [InlineData(Vendor.Crewship, "   ")]
    [InlineData(Vendor.Crewship, "run\n1")]
    [InlineData(Vendor.NeetoPlaydash, "..")]
    public void Create_StringIdThatCannotBeEscapedSafely_IsInvalidReference(Vendor vendor, string runId) =>
        RunRef.Create(vendor, runId, vendor.RequiresProject() ? "acme" : null).Error!.Kind.ShouldBe(VendorErrorKind.InvalidReference);

    [Fact]
    public void Create_StringIdTooLong_IsInvalidReference()
    {
        RunRef.Create(Vendor.Crewship, new string('a', RunRef.MaxIdLength), null).IsSuccess.ShouldBeTrue();
        RunRef.Create(Vendor.Crewship, new string('a', RunRef.MaxIdLength + 1), null).Error!.Kind.ShouldBe(VendorErrorKind.InvalidReference);
    }

    [Theory]
    [InlineData(Vendor.NeetoPlaydash, null)]
    [InlineData(Vendor.TestVibe, null)]
    [InlineData(Vendor.TestVibe, "..")]
    [InlineData(Vendor.NeetoPlaydash, "")]
    public void Create_MissingOrBadProject_IsInvalidReference(Vendor vendor, string? project) =>
        RunRef.Create(vendor, "5", project).Error!.Kind.ShouldBe(VendorErrorKind.InvalidReference);

    [Theory]
    [InlineData(Vendor.CcExtractor)]
    [InlineData(Vendor.Crewship)]
    public void Create_ProjectForVendorWithoutProjects_IsInvalidReference(Vendor vendor) =>
        RunRef.Create(vendor, "5", "acme").Error!.Message.ShouldContain("no project");

    [Fact]
    public void Create_IntegerWithLeadingZeros_IsCanonical()
    {
        var runRef = RunRef.Create(Vendor.CcExtractor, "007", null).Value;

        runRef.ShouldBe(new RunRef(Vendor.CcExtractor, "7", null));
        runRef.Key.ShouldBe("ccextractor::7");
    }

    [Fact]
    public void Key_SeparatorsInIds_CannotCollide() =>
        new RunRef(Vendor.NeetoPlaydash, "b", "a:x").Key.ShouldNotBe(new RunRef(Vendor.NeetoPlaydash, "x:b", "a").Key);

    [Theory]
    [InlineData("../admin", "/crewship/v1/runs/..%2Fadmin")]
    [InlineData("1?x=y", "/crewship/v1/runs/1%3Fx%3Dy")]
    [InlineData("%2e%2e", "/crewship/v1/runs/%252e%252e")]
    [InlineData("a/b#c", "/crewship/v1/runs/a%2Fb%23c")]
    public async Task CrewshipGetRun_HostileId_IsEscapedIntoOneSegment(string runId, string expectedPath)
    {
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler);

        var result = await harness.GetRunAsync(VendorHarness.Ref(Vendor.Crewship, runId));

        result.Value.RunId.ShouldBe(runId);
        var uri = handler.Requests.ShouldHaveSingleItem().RequestUri!;
        uri.AbsolutePath.ShouldBe(expectedPath);
        uri.Query.ShouldBeEmpty();
        uri.Fragment.ShouldBeEmpty();
        uri.Host.ShouldBe("vendor.test");
    }

    [Theory]
    [InlineData("../admin", "p", "/neetoplaydash/api/external/v1/projects/p/runs/..%2Fadmin")]
    [InlineData("1?x=y", "p", "/neetoplaydash/api/external/v1/projects/p/runs/1%3Fx%3Dy")]
    [InlineData("%2e%2e", "p", "/neetoplaydash/api/external/v1/projects/p/runs/%252e%252e")]
    [InlineData("r", "../../admin", "/neetoplaydash/api/external/v1/projects/..%2F..%2Fadmin/runs/r")]
    public async Task NeetoPlaydashGetRun_HostileIdOrProject_IsEscapedAndQueryIsOurs(string runId, string project, string expectedPath)
    {
        var handler = StubHandler.Json("""{"status":"running","is_running":true}""");
        await using var harness = new VendorHarness(() => handler);

        (await harness.GetRunAsync(VendorHarness.Ref(Vendor.NeetoPlaydash, runId, project))).IsSuccess.ShouldBeTrue();

        var uri = handler.Requests.ShouldHaveSingleItem().RequestUri!;
        uri.AbsolutePath.ShouldBe(expectedPath);
        uri.Query.ShouldBe("?page=1&page_size=100");
    }

    [Fact]
    public async Task TestVibeGetRun_HostileProject_IsEscaped()
    {
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler);

        (await harness.GetRunAsync(VendorHarness.Ref(Vendor.TestVibe, "5", "x?y=z/.."))).IsSuccess.ShouldBeTrue();

        var uri = handler.Requests.ShouldHaveSingleItem().RequestUri!;
        uri.AbsolutePath.ShouldBe("/testvibe/api/v1/ops/projects/x%3Fy%3Dz%2F../runs/5");
        uri.Query.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetRuns_UncheckedRefFromDeserialisation_IsRevalidatedBeforeAnyCall()
    {
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler);

        var result = await harness.GetRunAsync(new RunRef(Vendor.CcExtractor, "../admin", null));

        result.Error!.Kind.ShouldBe(VendorErrorKind.InvalidReference);
        handler.Count.ShouldBe(0);
    }
}
