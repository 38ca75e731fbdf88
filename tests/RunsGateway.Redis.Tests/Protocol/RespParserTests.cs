using System.Buffers;
using System.Text;
using RunsGateway.Redis.Protocol;

namespace RunsGateway.Redis.Tests.Protocol;

public sealed class RespParserTests
{
    // One reply of every RESP2 and RESP3 type, including nulls, nesting, maps, attributes, pushes and binary data.
    private const string AllTypes =
        "+OK\r\n" +
        "-ERR unknown command\r\n" +
        ":-42\r\n" +
        "$5\r\nhe\r\no\r\n" +
        "$0\r\n\r\n" +
        "$-1\r\n" +
        "*-1\r\n" +
        "*3\r\n:1\r\n$1\r\na\r\n*1\r\n+nested\r\n" +
        "_\r\n" +
        "#t\r\n" +
        ",3.25\r\n" +
        ",-inf\r\n" +
        "(3492890328409238509324850943850943825024385\r\n" +
        "!21\r\nSYNTAX invalid syntax\r\n" +
        "=15\r\ntxt:Some string\r\n" +
        "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n" +
        "~2\r\n+a\r\n+b\r\n" +
        ">3\r\n+invalidate\r\n*1\r\n$3\r\nkey\r\n:0\r\n" +
        "|1\r\n+ttl\r\n:3600\r\n$5\r\nvalue\r\n";

    [Fact]
    public void TryRead_WholeBuffer_ParsesEveryType()
    {
        var values = ParseAll(Segments(Encoding.UTF8.GetBytes(AllTypes), int.MaxValue));

        Describe(values).ShouldBe(ExpectedDescriptions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    public void TryRead_BufferSplitIntoSegments_ParsesSameReplies(int segmentSize)
    {
        var values = ParseAll(Segments(Encoding.UTF8.GetBytes(AllTypes), segmentSize));

        Describe(values).ShouldBe(ExpectedDescriptions);
    }

    [Fact]
    public void TryRead_EveryTruncation_ReturnsFalseWithoutConsumingThenParsesWhenComplete()
    {
        var bytes = Encoding.UTF8.GetBytes("*2\r\n$5\r\nhello\r\n%1\r\n+k\r\n,1.5\r\n");
        for (var length = 0; length < bytes.Length; length++)
        {
            var reader = new SequenceReader<byte>(Segments(bytes.AsSpan(0, length).ToArray(), 3));

            RespParser.TryRead(ref reader, out _).ShouldBeFalse($"prefix of {length} bytes");
            reader.Consumed.ShouldBe(0);
        }

        var complete = new SequenceReader<byte>(Segments(bytes, 3));
        RespParser.TryRead(ref complete, out var value).ShouldBeTrue();
        complete.End.ShouldBeTrue();
        Describe([value]).ShouldBe(["Array[Bulk:hello,Map[Simple:k,Double:1.5]]"]);
    }

    [Fact]
    public void TryRead_BulkValueWithCrLfInside_KeepsBytesExactly()
    {
        byte[] payload = [0, 13, 10, 255, 36, 13, 10];
        var bytes = Encoding.ASCII.GetBytes("$7\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();
        var reader = new SequenceReader<byte>(Segments(bytes, 2));

        RespParser.TryRead(ref reader, out var value).ShouldBeTrue();

        value.AsBytes().ShouldBe(payload);
    }

    [Theory]
    [InlineData("?what\r\n")]
    [InlineData(":12x\r\n")]
    [InlineData("$3\r\nabcXY")]
    [InlineData("+OK\n")]
    [InlineData("#x\r\n")]
    public void TryRead_MalformedInput_ThrowsProtocolException(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        Should.Throw<RedisProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            RespParser.TryRead(ref reader, out _);
        });
    }

    private static readonly string[] ExpectedDescriptions =
    [
        "Simple:OK",
        "Error:ERR unknown command",
        "Integer:-42",
        "Bulk:he\r\no",
        "Bulk:",
        "Null",
        "Null",
        "Array[Integer:1,Bulk:a,Array[Simple:nested]]",
        "Null",
        "Boolean:true",
        "Double:3.25",
        "Double:-Infinity",
        "BigNumber:3492890328409238509324850943850943825024385",
        "Error:SYNTAX invalid syntax",
        "Verbatim:Some string",
        "Map[Simple:first,Integer:1,Simple:second,Integer:2]",
        "Set[Simple:a,Simple:b]",
        "Push[Simple:invalidate,Array[Bulk:key],Integer:0]",
        "Bulk:value",
    ];

    private static List<RespValue> ParseAll(ReadOnlySequence<byte> sequence)
    {
        var reader = new SequenceReader<byte>(sequence);
        var values = new List<RespValue>();
        while (RespParser.TryRead(ref reader, out var value))
        {
            values.Add(value);
        }

        reader.End.ShouldBeTrue("every byte should belong to a reply");
        return values;
    }

    private static string[] Describe(IEnumerable<RespValue> values) => values.Select(Describe).ToArray();

    private static string Describe(RespValue value) => value.Type switch
    {
        RespType.SimpleString => "Simple:" + value.AsString(),
        RespType.SimpleError or RespType.BulkError => "Error:" + value.ErrorMessage,
        RespType.Integer => "Integer:" + value.Integer,
        RespType.BulkString => "Bulk:" + value.AsString(),
        RespType.Null => "Null",
        RespType.Boolean => "Boolean:" + (value.Integer == 1 ? "true" : "false"),
        RespType.Double => "Double:" + value.AsDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        RespType.BigNumber => "BigNumber:" + value.AsString(),
        RespType.VerbatimString => "Verbatim:" + value.AsString(),
        _ => $"{value.Type}[{string.Join(',', value.Items.Select(Describe))}]",
    };

    /// <summary>Splits bytes into a chain of segments of at most <paramref name="size"/> bytes, like a socket delivering fragments.</summary>
    internal static ReadOnlySequence<byte> Segments(byte[] bytes, int size)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset));
            var segment = new Segment(chunk, last?.RunningIndex + last?.Memory.Length ?? 0);
            last?.SetNext(segment);
            first ??= segment;
            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
