using System.Buffers;
using System.Text;
using RunsGateway.Redis.Protocol;

namespace RunsGateway.Redis.Tests.Protocol;

public sealed class RespWriterTests
{
    [Fact]
    public void WriteBulk_TextBytesAndNumber_EncodesRespArrayOfBulkStrings()
    {
        var output = new ArrayBufferWriter<byte>();

        RespWriter.WriteArrayHeader(output, 4);
        RespWriter.WriteBulk(output, "SET");
        RespWriter.WriteBulk(output, "clé");
        RespWriter.WriteBulk(output, new byte[] { 0, 13, 10 });
        RespWriter.WriteBulk(output, -15L);

        output.WrittenSpan.ToArray().ShouldBe(
            Encoding.UTF8.GetBytes("*4\r\n$3\r\nSET\r\n$4\r\nclé\r\n$3\r\n").Concat(new byte[] { 0, 13, 10 }).Concat(Encoding.ASCII.GetBytes("\r\n$3\r\n-15\r\n")).ToArray());
    }

    [Fact]
    public void WriteBulk_ValueLargerThanOneBufferSpan_WritesWholeValue()
    {
        var value = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>(16);

        RespWriter.WriteBulk(output, value);

        var written = output.WrittenSpan;
        Encoding.ASCII.GetString(written[..10]).ShouldBe("$100000\r\n" + (char)value[0]);
        written[9..^2].SequenceEqual(value).ShouldBeTrue();
        Encoding.ASCII.GetString(written[^2..]).ShouldBe("\r\n");
    }
}
