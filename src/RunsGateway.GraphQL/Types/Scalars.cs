using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>The built-in scalars (Int, Float, String, Boolean, ID) and the engine's custom scalars (DateTime, JSON, Long).</summary>
public static partial class Scalars
{
    /// <summary>The spec's <c>Int</c>: a signed 32-bit integer.</summary>
    public static ScalarType Int { get; } = new IntScalar();

    /// <summary>The spec's <c>Float</c>: a finite double.</summary>
    public static ScalarType Float { get; } = new FloatScalar();

    /// <summary>The spec's <c>String</c>.</summary>
    public static ScalarType String { get; } = new StringScalar();

    /// <summary>The spec's <c>Boolean</c>.</summary>
    public static ScalarType Boolean { get; } = new BooleanScalar();

    /// <summary>The spec's <c>ID</c>: serialized as a string, accepting strings and integers as input.</summary>
    public static ScalarType ID { get; } = new IdScalar();

    /// <summary>A date-time string per RFC 3339 (<c>DateTime</c>), parsed to <see cref="DateTimeOffset"/>.</summary>
    public static ScalarType DateTime { get; } = new DateTimeScalar();

    /// <summary>Arbitrary JSON (<c>JSON</c>): values pass through unchanged, literals become plain runtime values.</summary>
    public static ScalarType Json { get; } = new ScalarType(
        "JSON",
        "Arbitrary JSON value.",
        "https://www.rfc-editor.org/rfc/rfc8259");

    /// <summary>A signed 64-bit integer (<c>Long</c>).</summary>
    public static ScalarType Long { get; } = new LongScalar();

    /// <summary>The five specified scalars in spec order.</summary>
    public static IReadOnlyList<ScalarType> Specified { get; } = [Int, Float, String, Boolean, ID];

    /// <summary>True for Int, Float, String, Boolean and ID.</summary>
    public static bool IsSpecifiedScalarName(string name) => name is "Int" or "Float" or "String" or "Boolean" or "ID";

    /// <summary>The specified scalar with that name, or null.</summary>
    public static ScalarType? GetSpecified(string name) => name switch
    {
        "Int" => Int,
        "Float" => Float,
        "String" => String,
        "Boolean" => Boolean,
        "ID" => ID,
        _ => null,
    };

    /// <summary>Reads a runtime value as a number; true when it is one (JSON elements included).</summary>
    internal static bool TryGetNumber(object? value, out double number, out long integral, out bool isIntegral)
    {
        switch (value)
        {
            case int i: number = i; integral = i; isIntegral = true; return true;
            case long l: number = l; integral = l; isIntegral = true; return true;
            case short s: number = s; integral = s; isIntegral = true; return true;
            case byte b: number = b; integral = b; isIntegral = true; return true;
            case sbyte sb: number = sb; integral = sb; isIntegral = true; return true;
            case ushort us: number = us; integral = us; isIntegral = true; return true;
            case uint ui: number = ui; integral = ui; isIntegral = true; return true;
            case ulong ul:
                number = ul;
                isIntegral = ul <= long.MaxValue;
                integral = isIntegral ? (long)ul : 0;
                if (!isIntegral)
                {
                    // Out of long range but integral: keep it as a double so range checks still fail cleanly.
                    isIntegral = true;
                    integral = long.MaxValue;
                }

                return true;
            case double d: return FromDouble(d, out number, out integral, out isIntegral);
            case float f: return FromDouble(f, out number, out integral, out isIntegral);
            case decimal m: return FromDouble((double)m, out number, out integral, out isIntegral);
            case JsonElement { ValueKind: JsonValueKind.Number } e:
                if (e.TryGetInt64(out var l64))
                {
                    number = l64; integral = l64; isIntegral = true; return true;
                }

                return FromDouble(e.GetDouble(), out number, out integral, out isIntegral);
            default:
                number = 0; integral = 0; isIntegral = false; return false;
        }
    }

    private static bool FromDouble(double d, out double number, out long integral, out bool isIntegral)
    {
        number = d;
        isIntegral = double.IsFinite(d) && Math.Floor(d) == d;
        integral = isIntegral && d >= long.MinValue && d < 9.2233720368547758E18 ? (long)d : 0;
        return true;
    }

    internal static object? Unwrap(object? value) => value is JsonElement element ? JsonValues.ToRuntime(element) : value;

    private sealed class IntScalar() : ScalarType("Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        public override object? Serialize(object? value)
        {
            if (value is int)
            {
                // Already an Int: hand back the same box.
                return value;
            }

            value = Unwrap(value);
            if (value is bool b)
            {
                return Execution.Boxes.Int32(b ? 1 : 0);
            }

            var candidate = value;
            if (value is string s && s.Length > 0 && JsNumber.TryParse(s, out var parsed))
            {
                candidate = parsed;
            }

            if (!TryGetNumber(candidate, out var number, out var integral, out var isIntegral) || !isIntegral)
            {
                throw new ScalarCoercionException($"Int cannot represent non-integer value: {ValueText.Inspect(value)}");
            }

            if (number > int.MaxValue || number < int.MinValue)
            {
                throw new ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {ValueText.Inspect(value)}");
            }

            return Execution.Boxes.Int32((int)integral);
        }

        public override object? ParseValue(object? value)
        {
            value = Unwrap(value);
            if (!TryGetNumber(value, out var number, out var integral, out var isIntegral) || !isIntegral)
            {
                throw new ScalarCoercionException($"Int cannot represent non-integer value: {ValueText.Inspect(value)}");
            }

            if (number > int.MaxValue || number < int.MinValue)
            {
                throw new ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {ValueText.Inspect(value)}");
            }

            return Execution.Boxes.Int32((int)integral);
        }

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        {
            ArgumentNullException.ThrowIfNull(literal);
            if (literal is not IntValueNode node)
            {
                throw new ScalarCoercionException($"Int cannot represent non-integer value: {LiteralPrinter.Print(literal)}");
            }

            if (!int.TryParse(node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
            {
                throw new ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {node.Value}");
            }

            return result;
        }
    }

    private sealed class FloatScalar() : ScalarType("Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        public override object? Serialize(object? value)
        {
            value = Unwrap(value);
            if (value is bool b)
            {
                return b ? 1d : 0d;
            }

            var candidate = value;
            if (value is string s && s.Length > 0 && JsNumber.TryParse(s, out var parsed))
            {
                candidate = parsed;
            }

            if (!TryGetNumber(candidate, out var number, out _, out _) || !double.IsFinite(number))
            {
                throw new ScalarCoercionException($"Float cannot represent non numeric value: {ValueText.Inspect(value)}");
            }

            return number;
        }

        public override object? ParseValue(object? value)
        {
            value = Unwrap(value);
            if (!TryGetNumber(value, out var number, out _, out _) || !double.IsFinite(number))
            {
                throw new ScalarCoercionException($"Float cannot represent non numeric value: {ValueText.Inspect(value)}");
            }

            return number;
        }

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        {
            ArgumentNullException.ThrowIfNull(literal);
            var text = literal switch
            {
                IntValueNode i => i.Value,
                FloatValueNode f => f.Value,
                _ => throw new ScalarCoercionException($"Float cannot represent non numeric value: {LiteralPrinter.Print(literal)}"),
            };
            var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(number))
            {
                throw new ScalarCoercionException($"Float cannot represent non numeric value: {text}");
            }

            return number;
        }
    }

    private sealed class StringScalar() : ScalarType("String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        public override object? Serialize(object? value)
        {
            value = Unwrap(value);
            switch (value)
            {
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case char c: return c.ToString();
                case Guid g: return g.ToString();
                case Enum e: return e.ToString();
            }

            if (TryGetNumber(value, out var number, out var integral, out var isIntegral) && double.IsFinite(number))
            {
                return isIntegral && value is not double and not float ? integral.ToString(CultureInfo.InvariantCulture) : JsNumber.Format(number);
            }

            throw new ScalarCoercionException($"String cannot represent value: {ValueText.Inspect(value)}");
        }

        public override object? ParseValue(object? value)
        {
            value = Unwrap(value);
            return value as string ?? throw new ScalarCoercionException($"String cannot represent a non string value: {ValueText.Inspect(value)}");
        }

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        {
            ArgumentNullException.ThrowIfNull(literal);
            return literal is StringValueNode s
                ? s.Value
                : throw new ScalarCoercionException($"String cannot represent a non string value: {LiteralPrinter.Print(literal)}");
        }
    }

    private sealed class BooleanScalar() : ScalarType("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        public override object? Serialize(object? value)
        {
            value = Unwrap(value);
            if (value is bool)
            {
                // Already a box (often a shared one): returned as it is rather than boxed again.
                return value;
            }

            if (TryGetNumber(value, out var number, out _, out _) && double.IsFinite(number))
            {
                return number != 0;
            }

            throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {ValueText.Inspect(value)}");
        }

        public override object? ParseValue(object? value)
        {
            value = Unwrap(value);
            return value is bool b ? b : throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {ValueText.Inspect(value)}");
        }

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        {
            ArgumentNullException.ThrowIfNull(literal);
            return literal is BooleanValueNode b
                ? b.Value
                : throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {LiteralPrinter.Print(literal)}");
        }
    }

    private sealed class IdScalar() : ScalarType("ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        public override object? Serialize(object? value)
        {
            value = Unwrap(value);
            switch (value)
            {
                case string s: return s;
                case Guid g: return g.ToString();
            }

            if (TryGetNumber(value, out var number, out var integral, out var isIntegral) && isIntegral)
            {
                return Math.Abs(number) < 9.2233720368547758E18 ? integral.ToString(CultureInfo.InvariantCulture) : JsNumber.Format(number);
            }

            throw new ScalarCoercionException($"ID cannot represent value: {ValueText.Inspect(value)}");
        }

        public override object? ParseValue(object? value)
        {
            value = Unwrap(value);
            if (value is string s)
            {
                return s;
            }

            if (TryGetNumber(value, out var number, out var integral, out var isIntegral) && isIntegral)
            {
                return Math.Abs(number) < 9.2233720368547758E18 ? integral.ToString(CultureInfo.InvariantCulture) : JsNumber.Format(number);
            }

            throw new ScalarCoercionException($"ID cannot represent value: {ValueText.Inspect(value)}");
        }

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        {
            ArgumentNullException.ThrowIfNull(literal);
            return literal switch
            {
                StringValueNode s => s.Value,
                IntValueNode i => i.Value,
                _ => throw new ScalarCoercionException($"ID cannot represent a non-string and non-integer value: {LiteralPrinter.Print(literal)}"),
            };
        }
    }

    private sealed partial class DateTimeScalar() : ScalarType(
        "DateTime",
        "A date-time string at UTC or with an offset, per RFC 3339 (e.g. `2024-02-29T12:30:00Z`).",
        "https://scalars.graphql.org/andimarek/date-time")
    {
        public override object? Serialize(object? value)
        {
            value = Unwrap(value);
            return value switch
            {
                DateTimeOffset dto => FormatRecent(dto),
                System.DateTime dt when dt.Kind == DateTimeKind.Utc => FormatRecent(new DateTimeOffset(dt)),
                System.DateTime dt => throw new ScalarCoercionException($"DateTime cannot represent a DateTime of kind {dt.Kind}: the offset is unknown."),
                string s when TryParse(s, out var parsed) => Format(parsed),
                _ => throw new ScalarCoercionException($"DateTime cannot represent value: {ValueText.Inspect(value)}"),
            };
        }

        public override object? ParseValue(object? value)
        {
            value = Unwrap(value);
            return value is string s && TryParse(s, out var parsed)
                ? parsed
                : throw new ScalarCoercionException($"DateTime cannot represent value: {ValueText.Inspect(value)}; expected an RFC 3339 date-time string.");
        }

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        {
            ArgumentNullException.ThrowIfNull(literal);
            return literal is StringValueNode s && TryParse(s.Value, out var parsed)
                ? parsed
                : throw new ScalarCoercionException($"DateTime cannot represent value: {LiteralPrinter.Print(literal)}; expected an RFC 3339 date-time string.");
        }

        // The texts of instants this thread formatted lately: cached objects serve the same instants in every response.
        private const int RecentSlotBits = 7;
        private const int RecentSlots = 1 << RecentSlotBits;
        [ThreadStatic]
        private static (long Ticks, long OffsetTicks, string Text)[]? _recent;

        /// <summary><see cref="Format"/> through a small per-thread table of recent instants (same text, no new string on a hit).</summary>
        internal static string FormatRecent(DateTimeOffset value)
        {
            var recent = _recent ??= new (long, long, string)[RecentSlots];
            var ticks = value.UtcTicks;
            var offset = value.Offset.Ticks;
            // Fibonacci hashing: instants of whole seconds share their low bits, so the slot comes from the product's high bits.
            ref var slot = ref recent[(int)((ulong)((ticks ^ offset) * -7046029254386353131L) >> (64 - RecentSlotBits))];
            if (slot.Text is not null && slot.Ticks == ticks && slot.OffsetTicks == offset)
            {
                return slot.Text;
            }

            var text = Format(value);
            slot = (ticks, offset, text);
            return text;
        }

        /// <summary>
        /// RFC 3339 as <c>yyyy-MM-dd'T'HH:mm:ss.FFFFFFF</c> then <c>Z</c> at UTC or the offset (<c>zzz</c>): written digit by digit,
        /// since a custom format string is parsed on every call and dates are in most responses.
        /// </summary>
        internal static string Format(DateTimeOffset value)
        {
            var clock = value.Offset == TimeSpan.Zero ? value.UtcDateTime : value.DateTime;
            Span<char> text = stackalloc char[33];
            var at = 0;
            Digits(text, ref at, clock.Year, 4);
            text[at++] = '-';
            Digits(text, ref at, clock.Month, 2);
            text[at++] = '-';
            Digits(text, ref at, clock.Day, 2);
            text[at++] = 'T';
            Digits(text, ref at, clock.Hour, 2);
            text[at++] = ':';
            Digits(text, ref at, clock.Minute, 2);
            text[at++] = ':';
            Digits(text, ref at, clock.Second, 2);
            var fraction = (int)(clock.Ticks % TimeSpan.TicksPerSecond);
            if (fraction != 0)
            {
                var width = 7;
                while (fraction % 10 == 0)
                {
                    fraction /= 10;
                    width--;
                }

                text[at++] = '.';
                Digits(text, ref at, fraction, width);
            }

            if (value.Offset == TimeSpan.Zero)
            {
                text[at++] = 'Z';
            }
            else
            {
                var minutes = (int)value.Offset.TotalMinutes;
                text[at++] = minutes < 0 ? '-' : '+';
                minutes = Math.Abs(minutes);
                Digits(text, ref at, minutes / 60, 2);
                text[at++] = ':';
                Digits(text, ref at, minutes % 60, 2);
            }

            return new string(text[..at]);
        }

        private static void Digits(Span<char> text, ref int at, int value, int width)
        {
            for (var i = width - 1; i >= 0; i--)
            {
                text[at + i] = (char)('0' + (value % 10));
                value /= 10;
            }

            at += width;
        }

        internal static bool TryParse(string text, out DateTimeOffset value)
        {
            value = default;
            if (!Rfc3339().IsMatch(text))
            {
                return false;
            }

            // RFC 3339 allows lower-case t/z and a space-free form only; normalize before parsing.
            var normalized = text.ToUpperInvariant();
            return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
        }

        [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$", RegexOptions.CultureInvariant)]
        private static partial Regex Rfc3339();
    }

    private sealed class LongScalar() : ScalarType("Long", "The `Long` scalar type represents signed 64-bit whole numeric values.")
    {
        public override object? Serialize(object? value)
        {
            value = Unwrap(value);
            if (value is string s && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fromString))
            {
                return fromString;
            }

            return ToLong(value);
        }

        public override object? ParseValue(object? value) => ToLong(Unwrap(value));

        public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        {
            ArgumentNullException.ThrowIfNull(literal);
            if (literal is not IntValueNode node)
            {
                throw new ScalarCoercionException($"Long cannot represent non-integer value: {LiteralPrinter.Print(literal)}");
            }

            return long.TryParse(node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
                ? result
                : throw new ScalarCoercionException($"Long cannot represent non 64-bit signed integer value: {node.Value}");
        }

        private static long ToLong(object? value)
        {
            if (value is ulong ul && ul > long.MaxValue)
            {
                throw new ScalarCoercionException($"Long cannot represent non 64-bit signed integer value: {ValueText.Inspect(value)}");
            }

            if (!TryGetNumber(value, out var number, out var integral, out var isIntegral) || !isIntegral)
            {
                throw new ScalarCoercionException($"Long cannot represent non-integer value: {ValueText.Inspect(value)}");
            }

            if (value is double or float or decimal && (number >= 9.2233720368547758E18 || number < long.MinValue))
            {
                throw new ScalarCoercionException($"Long cannot represent non 64-bit signed integer value: {ValueText.Inspect(value)}");
            }

            return integral;
        }
    }
}

/// <summary>JavaScript number formatting and parsing, so that coercion messages and String results match graphql-js.</summary>
internal static class JsNumber
{
    /// <summary>Formats like JavaScript's <c>Number.prototype.toString()</c>.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);

        // Decompose the shortest round-trip form into digits and a decimal exponent n (value = 0.d1d2... x 10^n).
        string mantissa;
        var exponent = 0;
        var ePos = shortest.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            mantissa = shortest[..ePos];
            exponent = int.Parse(shortest[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = shortest;
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZerosRemoved = (intPart + fracPart).Length - digits.Length;
        var n = intPart.Length + exponent - leadingZerosRemoved;
        digits = digits.TrimEnd('0');
        var k = digits.Length;

        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (n > 0 && n <= 21)
        {
            result = digits[..n] + "." + digits[n..];
        }
        else if (n > -6 && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var sign = e >= 0 ? "+" : "-";
            result = (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + sign + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + result : result;
    }

    /// <summary>Parses like JavaScript's <c>Number(string)</c> for the forms that matter (decimal, exponent, hex/octal/binary).</summary>
    public static bool TryParse(string text, out double value)
    {
        var s = text.Trim();
        value = 0;
        if (s.Length == 0)
        {
            value = 0;
            return true;
        }

        if (s.Length > 2 && s[0] == '0' && (s[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B'))
        {
            var radix = s[1] is 'x' or 'X' ? 16 : s[1] is 'o' or 'O' ? 8 : 2;
            double acc = 0;
            foreach (var c in s.AsSpan(2))
            {
                var digit = c switch
                {
                    >= '0' and <= '9' => c - '0',
                    >= 'a' and <= 'f' => c - 'a' + 10,
                    >= 'A' and <= 'F' => c - 'A' + 10,
                    _ => 99,
                };
                if (digit >= radix)
                {
                    return false;
                }

                acc = (acc * radix) + digit;
            }

            value = acc;
            return true;
        }

        switch (s)
        {
            case "Infinity" or "+Infinity": value = double.PositiveInfinity; return true;
            case "-Infinity": value = double.NegativeInfinity; return true;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
            {
                return false;
            }
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>Conversion of <see cref="JsonElement"/> values into the runtime value representation.</summary>
internal static class JsonValues
{
    public static object? ToRuntime(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToRuntime).ToList(),
        JsonValueKind.Object => ToDictionary(element),
        _ => null,
    };

    private static OrderedDictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ToRuntime(property.Value);
        }

        return result;
    }
}
