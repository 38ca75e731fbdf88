using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunsGateway.VendorSimulator.Tests.Infrastructure;

/// <summary>
/// Puts a JSON body in the form the snapshots keep: indented, non-ASCII characters unescaped, LF line endings. Snapshooter
/// stores a string as it is, so a snapshot file reads like the response.
/// </summary>
public static class SnapshotJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Re-indents <paramref name="json"/> so that formatting differences never count.</summary>
    public static string Indent(string json) =>
        JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
}
