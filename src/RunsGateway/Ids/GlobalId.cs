using System.Buffers.Text;
using System.Text;
using RunsGateway.Core;

namespace RunsGateway.Ids;

/// <summary>The kinds of object a global id can name.</summary>
internal enum NodeKind
{
    Run,
    Spec,
    Test,
}

/// <summary>
/// A decoded global id: the node kind, the run it belongs to and, for specs and tests, the vendor's (or derived) spec/test id.
/// Encoded as unpadded base64url of <c>Kind|runKey|specId|testId</c> where every part is percent-encoded, so no part can forge a separator.
/// </summary>
internal sealed record GlobalId(NodeKind Kind, RunRef Run, string? SpecId = null, string? TestId = null)
{
    private const int MaxEncodedLength = 2048;

    public static string ForRun(RunRef run) => new GlobalId(NodeKind.Run, run).Encode();

    public static string ForSpec(RunRef run, string specId) => new GlobalId(NodeKind.Spec, run, specId).Encode();

    public static string ForTest(RunRef run, string specId, string testId) => new GlobalId(NodeKind.Test, run, specId, testId).Encode();

    public string Encode()
    {
        var text = string.Join('|', Kind.ToString(), Run.Vendor.ToSlug(), Escape(Run.Project), Escape(Run.RunId), Escape(SpecId), Escape(TestId));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Decodes an id exactly as <see cref="Encode"/> writes it; anything else (another spelling, a forged reference) is rejected.</summary>
    public static bool TryDecode(string? id, out GlobalId? globalId)
    {
        globalId = null;
        if (string.IsNullOrEmpty(id) || id.Length > MaxEncodedLength)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('|');
        if (parts.Length != 6
            || !Enum.TryParse<NodeKind>(parts[0], ignoreCase: false, out var kind)
            || !Enum.IsDefined(kind)
            || !VendorExtensions.TryParseSlug(parts[1], out var vendor))
        {
            return false;
        }

        var reference = RunRef.Create(vendor, Unescape(parts[3]), Unescape(parts[2]));
        if (!reference.TryGetValue(out var run))
        {
            return false;
        }

        var specId = Unescape(parts[4]);
        var testId = Unescape(parts[5]);
        var wellFormed = kind switch
        {
            NodeKind.Run => specId is null && testId is null,
            NodeKind.Spec => specId is not null && testId is null,
            _ => specId is not null && testId is not null,
        };
        if (!wellFormed)
        {
            return false;
        }

        // Only the canonical encoding decodes: "0" for "Run", other letter cases, "0001" for run 1, percent-escapes of plain
        // characters, padding or stray bits would otherwise be many ids of one node (and forged spellings of cached keys).
        var decoded = new GlobalId(kind, run, specId, testId);
        if (!string.Equals(decoded.Encode(), id, StringComparison.Ordinal))
        {
            return false;
        }

        globalId = decoded;
        return true;
    }

    // "~" marks an absent part; Uri.EscapeDataString never produces it for a present one.
    private static string Escape(string? value) => value is null ? "~" : Uri.EscapeDataString(value);

    private static string? Unescape(string value) => value == "~" ? null : Uri.UnescapeDataString(value);
}
