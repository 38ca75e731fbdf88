using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Types;

public sealed class ScalarsTests
{
    [Theory]
    [InlineData(0L, 0)]
    [InlineData(2147483647L, 2147483647)]
    [InlineData(-2147483648L, -2147483648)]
    [InlineData(2.0d, 2)]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    [InlineData("17", 17)]
    public void IntSerialize_RepresentableValue_ReturnsInt32(object value, int expected)
        => Scalars.Int.Serialize(value).ShouldBe(expected);

    [Theory]
    [InlineData(2147483648L)]
    [InlineData(-2147483649L)]
    [InlineData(1.5d)]
    [InlineData(1e20d)]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(double.NaN)]
    public void IntSerialize_UnrepresentableValue_Throws(object value)
        => Should.Throw<ScalarCoercionException>(() => Scalars.Int.Serialize(value));

    [Theory]
    [InlineData("2147483647", true)]
    [InlineData("-2147483648", true)]
    [InlineData("2147483648", false)]
    [InlineData("1.0", false)]
    [InlineData("\"1\"", false)]
    [InlineData("true", false)]
    public void IntParseLiteral_Literal_AcceptsOnly32BitIntegers(string literal, bool valid)
    {
        var node = Parser.ParseConstValue(literal);
        if (valid)
        {
            Scalars.Int.ParseLiteral(node).ShouldBeOfType<int>();
        }
        else
        {
            Should.Throw<ScalarCoercionException>(() => Scalars.Int.ParseLiteral(node));
        }
    }

    [Fact]
    public void IntParseValue_IntegralDoubleFromJson_Accepted()
        => Scalars.Int.ParseValue(3.0d).ShouldBe(3);

    [Theory]
    [InlineData(1.5d)]
    [InlineData("1")]
    [InlineData(true)]
    [InlineData(4294967296L)]
    public void IntParseValue_NonIntegerOrOutOfRange_Throws(object value)
        => Should.Throw<ScalarCoercionException>(() => Scalars.Int.ParseValue(value));

    [Fact]
    public void FloatSerialize_NonFinite_Throws()
    {
        Should.Throw<ScalarCoercionException>(() => Scalars.Float.Serialize(double.PositiveInfinity));
        Should.Throw<ScalarCoercionException>(() => Scalars.Float.Serialize(double.NaN));
    }

    [Fact]
    public void FloatParseLiteral_IntLiteral_BecomesDouble()
        => Scalars.Float.ParseLiteral(Parser.ParseConstValue("2")).ShouldBe(2d);

    [Fact]
    public void FloatParseValue_String_Throws()
        => Should.Throw<ScalarCoercionException>(() => Scalars.Float.ParseValue("1.5"));

    [Theory]
    [InlineData(true, "true")]
    [InlineData(42L, "42")]
    [InlineData(1.5d, "1.5")]
    [InlineData(2.0d, "2")]
    [InlineData(1e21d, "1e+21")]
    [InlineData(1e-7d, "1e-7")]
    [InlineData(0.000001d, "0.000001")]
    [InlineData(-1.5d, "-1.5")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(1.7976931348623157e308d, "1.7976931348623157e+308")]
    public void StringSerialize_Scalars_UseJavaScriptTextForms(object value, string expected)
        => Scalars.String.Serialize(value).ShouldBe(expected);

    [Fact]
    public void StringSerialize_Object_Throws()
        => Should.Throw<ScalarCoercionException>(() => Scalars.String.Serialize(new Dictionary<string, object?> { ["a"] = 1L }));

    [Fact]
    public void StringParseValue_Number_Throws()
        => Should.Throw<ScalarCoercionException>(() => Scalars.String.ParseValue(1L));

    [Theory]
    [InlineData(1L, true)]
    [InlineData(0L, false)]
    [InlineData(0.5d, true)]
    public void BooleanSerialize_Number_ComparesWithZero(object value, bool expected)
        => Scalars.Boolean.Serialize(value).ShouldBe(expected);

    [Fact]
    public void BooleanSerialize_String_Throws()
        => Should.Throw<ScalarCoercionException>(() => Scalars.Boolean.Serialize("yes"));

    [Fact]
    public void BooleanParseValue_Number_Throws()
        => Should.Throw<ScalarCoercionException>(() => Scalars.Boolean.ParseValue(1L));

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData(123L, "123")]
    [InlineData(-5L, "-5")]
    [InlineData(9007199254740991L, "9007199254740991")]
    [InlineData("0042", "0042")]
    public void IdSerialize_StringsAndIntegers_ReturnsString(object value, string expected)
        => Scalars.ID.Serialize(value).ShouldBe(expected);

    [Fact]
    public void IdSerialize_FractionOrObject_Throws()
    {
        Should.Throw<ScalarCoercionException>(() => Scalars.ID.Serialize(1.5d));
        Should.Throw<ScalarCoercionException>(() => Scalars.ID.Serialize(new Dictionary<string, object?>()));
    }

    [Fact]
    public void IdParseValueAndLiteral_Integer_BecomesString()
    {
        Scalars.ID.ParseValue(7L).ShouldBe("7");
        Scalars.ID.ParseLiteral(Parser.ParseConstValue("7")).ShouldBe("7");
        Should.Throw<ScalarCoercionException>(() => Scalars.ID.ParseLiteral(Parser.ParseConstValue("7.5")));
        Should.Throw<ScalarCoercionException>(() => Scalars.ID.ParseValue(true));
    }

    [Theory]
    [InlineData("2024-02-29T12:30:00Z")]
    [InlineData("2024-02-29T12:30:00.123+05:30")]
    [InlineData("2024-02-29t12:30:00z")]
    public void DateTimeParseValue_Rfc3339_ReturnsDateTimeOffset(string text)
        => Scalars.DateTime.ParseValue(text).ShouldBeOfType<DateTimeOffset>();

    [Theory]
    [InlineData("2024-02-30T12:30:00Z")]
    [InlineData("2024-02-29 12:30:00Z")]
    [InlineData("2024-02-29T12:30:00")]
    [InlineData("2024-02-29")]
    [InlineData("yesterday")]
    public void DateTimeParseValue_NotRfc3339_Throws(string text)
        => Should.Throw<ScalarCoercionException>(() => Scalars.DateTime.ParseValue(text));

    [Fact]
    public void DateTimeSerialize_ManyInstantsAndOffsets_SameTextAsTheFormatString()
    {
        // The digit-by-digit writer must say exactly what "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" + Z/zzz says.
        var random = new Random(20261203);
        int[] offsets = [0, 60, -60, 330, -570, 840, -720, 45];
        for (var i = 0; i < 2000; i++)
        {
            var ticks = random.NextInt64(DateTimeOffset.MinValue.Ticks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.Ticks - TimeSpan.TicksPerDay);
            ticks -= (i % 4) switch { 0 => ticks % TimeSpan.TicksPerSecond, 1 => ticks % TimeSpan.TicksPerMillisecond, _ => 0 };
            var value = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsets[i % offsets.Length]));
            var expected = value.Offset == TimeSpan.Zero
                ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)
                : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);

            Scalars.DateTime.Serialize(value).ShouldBe(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void DateTimeSerialize_SameInstantAgain_ReusesItsTextAndKeepsOffsetsApart()
    {
        var utc = new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);
        var shifted = utc.ToOffset(TimeSpan.FromHours(2));

        var first = Scalars.DateTime.Serialize(utc);
        var again = Scalars.DateTime.Serialize(utc);
        var other = Scalars.DateTime.Serialize(shifted);

        again.ShouldBeSameAs(first, "a recent instant's text is reused, not formatted again");
        first.ShouldBe("2026-12-04T03:00:00Z");
        other.ShouldBe("2026-12-04T05:00:00+02:00", "the same instant at another offset is another text");
        Scalars.DateTime.Serialize(utc).ShouldBe("2026-12-04T03:00:00Z");
    }

    [Fact]
    public void DateTimeSerialize_DateTimeOffset_WritesRfc3339()
    {
        Scalars.DateTime.Serialize(new DateTimeOffset(2024, 2, 29, 12, 30, 0, TimeSpan.Zero)).ShouldBe("2024-02-29T12:30:00Z");
        Scalars.DateTime.Serialize(new DateTimeOffset(2024, 2, 29, 12, 30, 0, 123, TimeSpan.FromHours(5.5))).ShouldBe("2024-02-29T12:30:00.123+05:30");
        Scalars.DateTime.SpecifiedByUrl.ShouldBe("https://scalars.graphql.org/andimarek/date-time");
    }

    [Fact]
    public void DateTimeSerialize_UnspecifiedKind_Throws()
        => Should.Throw<ScalarCoercionException>(() => Scalars.DateTime.Serialize(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)));

    [Fact]
    public void LongParse_64BitValues_Accepted()
    {
        Scalars.Long.ParseValue(9007199254740993L).ShouldBe(9007199254740993L);
        Scalars.Long.ParseLiteral(Parser.ParseConstValue("9223372036854775807")).ShouldBe(long.MaxValue);
        Should.Throw<ScalarCoercionException>(() => Scalars.Long.ParseLiteral(Parser.ParseConstValue("9223372036854775808")));
        Should.Throw<ScalarCoercionException>(() => Scalars.Long.ParseValue(1.5d));
        Scalars.Long.Serialize(5).ShouldBe(5L);
    }

    [Fact]
    public void JsonParseLiteral_ObjectWithEnumAndVariable_BecomesPlainValues()
    {
        var literal = Parser.ParseValue("{a: 1, b: [true, null, \"x\"], c: ENUM_LIKE, d: $v}");

        var value = Scalars.Json.ParseLiteral(literal, new Dictionary<string, object?> { ["v"] = 2.5d });

        var map = value.ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        map.Keys.ShouldBe(["a", "b", "c", "d"]);
        map["a"].ShouldBeOfType<long>().ShouldBe(1L);
        map["b"].ShouldBeAssignableTo<IReadOnlyList<object?>>()!.ShouldBe([true, null, "x"]);
        map["c"].ShouldBe("ENUM_LIKE");
        map["d"].ShouldBe(2.5d);
    }

    [Fact]
    public void PassThroughScalar_SerializeAndParseValue_ReturnValueUnchanged()
    {
        var scalar = new ScalarType("Decimal");
        var value = new Dictionary<string, object?> { ["x"] = 1L };

        scalar.Serialize(value).ShouldBeSameAs(value);
        scalar.ParseValue(value).ShouldBeSameAs(value);
    }

    [Fact]
    public void Create_DelegateScalar_UsesDelegatesAndParsesLiteralsThroughParseValue()
    {
        var duration = ScalarType.Create(
            "Duration",
            serialize: v => v is TimeSpan t ? t.TotalSeconds : throw new ScalarCoercionException("Duration cannot represent value."),
            parseValue: v => v switch
            {
                long seconds => TimeSpan.FromSeconds(seconds),
                _ => throw new ScalarCoercionException("Duration expects seconds."),
            });

        duration.Serialize(TimeSpan.FromMinutes(1)).ShouldBe(60d);
        duration.ParseLiteral(Parser.ParseConstValue("90")).ShouldBe(TimeSpan.FromSeconds(90));
        ValueCoercion.IsValidLiteral(Parser.ParseConstValue("\"x\""), duration).ShouldBeFalse();
    }
}
