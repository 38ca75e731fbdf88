using System.Buffers.Text;
using System.Text;
using RunsGateway.Paging;

namespace RunsGateway.Tests.Paging;

public sealed class SpecCursorTests
{
    private static string Raw(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    [InlineData(SpecCursor.MaxIndex)]
    public void TryParse_EncodedIndex_RoundTripsToTheNextOffset(int index)
    {
        var status = SpecCursor.TryParse(SpecCursor.Encode(index), out var offset);

        status.ShouldBe(CursorStatus.Valid);
        offset.ShouldBe(index + 1);
    }

    [Theory]
    [InlineData("c3BlYzoyMTQ3NDgzNjQ3")] // spec:2147483647, the reported overflow to a negative offset
    [InlineData("c3BlYzo5OTk5OTk5OTk5OTk5")] // spec:9999999999999
    public void TryParse_IndexPastTheRange_IsOutOfRange(string cursor)
    {
        SpecCursor.TryParse(cursor, out _).ShouldBe(CursorStatus.OutOfRange);
    }

    [Fact]
    public void TryParse_JustPastMaxIndex_IsOutOfRange()
    {
        SpecCursor.TryParse(Raw("spec:" + (SpecCursor.MaxIndex + 1)), out _).ShouldBe(CursorStatus.OutOfRange);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c3BlYzo")] // spec:
    [InlineData("c3BlYzotMQ")] // spec:-1
    [InlineData("c3BlYzowMDE")] // spec:001
    [InlineData("c3BlYzogMQ")] // spec: 1
    [InlineData("dGVzdDox")] // test:1
    [InlineData("c3BlYzox=")] // a padded spelling of spec:1
    [InlineData("c3BlYzoxMh")] // spec:12 with a stray trailing bit
    public void TryParse_NotACanonicalCursor_IsMalformed(string cursor)
    {
        SpecCursor.TryParse(cursor, out _).ShouldBe(CursorStatus.Malformed);
    }
}
