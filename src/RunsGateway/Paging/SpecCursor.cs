using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RunsGateway.Paging;

/// <summary>What a client's <c>after</c> cursor turned out to be.</summary>
internal enum CursorStatus
{
    /// <summary>A cursor this gateway issued; the parsed offset says where the next page starts.</summary>
    Valid,

    /// <summary>Not a cursor of this field (code <c>INVALID_CURSOR</c>).</summary>
    Malformed,

    /// <summary>Shaped like a cursor but for a position no run can have (code <c>INVALID_PAGINATION</c>).</summary>
    OutOfRange,
}

/// <summary>
/// Opaque spec cursors: unpadded base64url of <c>spec:INDEX</c>, the spec's position in the (filtered) list. Only the canonical
/// encoding of an index in range parses: another spelling of the same position, a leading zero or an index past
/// <see cref="MaxIndex"/> (where <c>INDEX + 1</c> would overflow) is rejected instead of wrapping around to another page.
/// </summary>
internal static class SpecCursor
{
    /// <summary>The largest index a cursor may name; far beyond any vendor's spec count.</summary>
    public const int MaxIndex = 10_000_000;

    private const string Prefix = "spec:";

    public static string Encode(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{index}")));
    }

    /// <summary>Parses <paramref name="cursor"/>; on success <paramref name="offset"/> is the position after the cursor's spec.</summary>
    public static CursorStatus TryParse(string cursor, out int offset)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        offset = 0;
        if (cursor.Length is 0 or > 64)
        {
            return CursorStatus.Malformed;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return CursorStatus.Malformed;
        }

        var digits = text.AsSpan();
        if (!digits.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return CursorStatus.Malformed;
        }

        digits = digits[Prefix.Length..];
        if (digits.IsEmpty || (digits.Length > 1 && digits[0] == '0') || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return CursorStatus.Malformed;
        }

        if (digits.Length > 9 || int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) > MaxIndex)
        {
            return CursorStatus.OutOfRange;
        }

        var index = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

        // Base64url has several spellings of the same bytes (trailing bits, padding): only the one Encode writes is a cursor.
        if (!string.Equals(Encode(index), cursor, StringComparison.Ordinal))
        {
            return CursorStatus.Malformed;
        }

        offset = index + 1;
        return CursorStatus.Valid;
    }
}
