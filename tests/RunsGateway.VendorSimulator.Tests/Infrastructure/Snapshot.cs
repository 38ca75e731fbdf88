using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunsGateway.VendorSimulator.Tests.Infrastructure;

/// <summary>
/// Our own small snapshot helper: compares indented JSON with <c>__snapshots__/&lt;name&gt;.json</c> next to the test.
/// A missing file is written (a failure when <c>CI=true</c>); <c>UPDATE_SNAPSHOTS=1</c> rewrites every file.
/// </summary>
public static class Snapshot
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Match(string name, string json, [CallerFilePath] string callerPath = "")
    {
        var actual = Normalize(json);
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "__snapshots__");
        var file = Path.Combine(directory, name + ".json");
        var update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(file) || update)
        {
            if (!File.Exists(file) && ci && !update)
            {
                Assert.Fail($"Snapshot {file} is missing; run the tests locally (or with UPDATE_SNAPSHOTS=1) and commit it.");
            }

            Directory.CreateDirectory(directory);
            File.WriteAllText(file, actual);
            return;
        }

        var expected = Normalize(File.ReadAllText(file));
        if (expected != actual)
        {
            Assert.Fail($"Snapshot {name} differs from {file} (set UPDATE_SNAPSHOTS=1 to accept the new output).\n--- expected\n{expected}\n--- actual\n{actual}");
        }
    }

    /// <summary>Re-indents JSON so that formatting differences never count; line endings become LF.</summary>
    public static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
}
