using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RunsGateway.Schema;

/// <summary>Opaque spec cursors: base64url of <c>spec:INDEX</c>, the spec's position in the (filtered) list.</summary>
internal static class SpecCursor
{
    public static string Encode(int index) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"spec:{index}")));

    public static int? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("spec:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? index
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
