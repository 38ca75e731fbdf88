using System.Text;
using RunsGateway.Core;
using RunsGateway.Ids;

namespace RunsGateway.Tests.Ids;

public sealed class GlobalIdTests
{
    [Theory]
    [InlineData(Vendor.CcExtractor, "42", null)]
    [InlineData(Vendor.NeetoPlaydash, "kftwnab", "pdqmxlz")]
    [InlineData(Vendor.TestVibe, "214", "acme|shop")]
    [InlineData(Vendor.Crewship, "run_xyz789abc", null)]
    public void ForRun_Decoded_RoundTripsTheReference(Vendor vendor, string runId, string? project)
    {
        var run = RunRef.Create(vendor, runId, project).Value;

        var decoded = GlobalId.TryDecode(GlobalId.ForRun(run), out var id);

        decoded.ShouldBeTrue();
        id.ShouldBe(new GlobalId(NodeKind.Run, run));
    }

    [Fact]
    public void ForTest_PartsWithSeparators_RoundTripsEveryPart()
    {
        var run = RunRef.Create(Vendor.NeetoPlaydash, "r|1", "p~2").Value;

        GlobalId.TryDecode(GlobalId.ForTest(run, "spec|a", "test~b"), out var id).ShouldBeTrue();

        id.ShouldBe(new GlobalId(NodeKind.Test, run, "spec|a", "test~b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("UnVu")] // "Run" alone
    public void TryDecode_Garbage_IsRejected(string id) => GlobalId.TryDecode(id, out _).ShouldBeFalse();

    [Fact]
    public void TryDecode_ForgedInvalidReference_IsRejected()
    {
        // A hand-made id naming a CCExtractor run with a non-integer id must not reach a vendor.
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("Run|ccextractor|~|..%2Fadmin|~|~")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        GlobalId.TryDecode(forged, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryDecode_SpecKindWithoutSpecId_IsRejected()
    {
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("Spec|crewship|~|run_1|~|~")).TrimEnd('=');

        GlobalId.TryDecode(forged, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("MHxjY2V4dHJhY3Rvcnx-fDF8fnx-")] // kind written as "0"
    [InlineData("UnVufENDRXh0cmFjdG9yfH58MDAwMXx-fH4")] // vendor in another case, run id "0001"
    [InlineData(" UnVufGNjZXh0cmFjdG9yfH58MXx-fH4")] // leading space
    [InlineData("UnVufGNjZXh0cmFjdG9yfH58MXx-fH4=")] // padded
    [InlineData("UnVufGNjZXh0cmFjdG9yfH58JTMxfH58fg")] // run id "1" written as "%31"
    public void TryDecode_NonCanonicalSpellingOfCcExtractorRunOne_IsRejected(string id)
    {
        GlobalId.TryDecode(id, out var decoded).ShouldBeFalse();
        decoded.ShouldBeNull();
    }

    [Fact]
    public void TryDecode_CanonicalIdOfCcExtractorRunOne_Decodes()
    {
        var id = GlobalId.ForRun(RunRef.Create(Vendor.CcExtractor, "1", null).Value);

        GlobalId.TryDecode(id, out var decoded).ShouldBeTrue();
        decoded!.Run.RunId.ShouldBe("1");
    }
}
