using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Language;

public sealed class BlockStringTests
{
    [Fact]
    public void Dedent_CommonIndentAndBlankLines_AreRemovedButNotFromTheFirstLine()
    {
        BlockString.Dedent(["  first", "", "    second", "      third", "   ", ""]).ShouldBe("  first\n\nsecond\n  third");
    }

    [Fact]
    public void DedentRaw_MixedLineTerminators_NormaliseToNewLine()
    {
        BlockString.DedentRaw("\r\n  a\r  b\n  c\r\n").ShouldBe("a\nb\nc");
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("  leading space")]
    [InlineData("multi\nline\n  indented")]
    [InlineData("ends with quote\"")]
    [InlineData("has \"\"\" triple")]
    [InlineData("ends with backslash\\")]
    [InlineData("a very long single line description that is definitely longer than seventy characters in total")]
    [InlineData("")]
    public void Print_Value_ParsesBackToTheSameValue(string value)
    {
        var printed = BlockString.Print(value);

        var parsed = Parser.ParseValue(printed).ShouldBeOfType<StringValueNode>();

        parsed.Block.ShouldBeTrue();
        parsed.Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("plain text", true)]
    [InlineData("multi\nline", true)]
    [InlineData("", true)]
    [InlineData("\nleading newline", false)]
    [InlineData("trailing blank\n", false)]
    [InlineData("  all\n  indented", false)]
    [InlineData("carriage\rreturn", false)]
    [InlineData("control\u0001char", false)]
    public void IsPrintable_Value_MatchesWhetherABlockStringRoundTrips(string value, bool expected)
    {
        BlockString.IsPrintable(value).ShouldBe(expected);
    }
}
