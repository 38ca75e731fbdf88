using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
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

    /// <summary>Run ids by reference: a cached run keeps its <see cref="RunRef"/> instance, so its id is encoded once, not per request.</summary>
    private static readonly ConditionalWeakTable<RunRef, string> RunIds = [];

    public static string ForRun(RunRef run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RunIds.TryGetValue(run, out var id) ? id : RunIds.GetValue(run, static r => Encode(NodeKind.Run, r, null, null));
    }

    public static string ForSpec(RunRef run, string specId) => new GlobalId(NodeKind.Spec, run, specId).Encode();

    public static string ForTest(RunRef run, string specId, string testId) => new GlobalId(NodeKind.Test, run, specId, testId).Encode();

    public string Encode() => Encode(Kind, Run, SpecId, TestId);

    private static string Encode(NodeKind kind, RunRef run, string? specId, string? testId)
    {
        ReadOnlySpan<string> parts = [KindName(kind), run.Vendor.ToSlug(), Escape(run.Project), Escape(run.RunId), Escape(specId), Escape(testId)];
        var length = parts.Length - 1;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetByteCount(part);
        }

        byte[]? rented = null;
        var bytes = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            var at = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    bytes[at++] = (byte)'|';
                }

                at += Encoding.UTF8.GetBytes(parts[i], bytes[at..]);
            }

            return Base64Url.EncodeToString(bytes);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string KindName(NodeKind kind) => kind switch
    {
        NodeKind.Run => nameof(NodeKind.Run),
        NodeKind.Spec => nameof(NodeKind.Spec),
        _ => nameof(NodeKind.Test),
    };

    /// <summary>Decodes an id exactly as <see cref="Encode()"/> writes it; anything else (another spelling, a forged reference) is rejected.</summary>
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
