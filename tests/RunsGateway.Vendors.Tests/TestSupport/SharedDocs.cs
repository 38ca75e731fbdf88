using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RunsGateway.Vendors.Tests.TestSupport;

/// <summary>
/// Finds the shared vendor documents: a <c>shared/vendor-docs</c> folder next to the repository (../shared in CI, /work/shared here),
/// searched upwards from the test assembly and, when the build output lives elsewhere, from this source file.
/// </summary>
public static class SharedDocs
{
    private static readonly Lazy<string> Root = new(() => Locate());

    public static string VendorDocs => Path.Combine(Root.Value, "vendor-docs");

    public static string Contract => Path.Combine(Root.Value, "contract");

    public static string ReadVendorDoc(string fileName) => File.ReadAllText(Path.Combine(VendorDocs, fileName));

    /// <summary>Every top-level JSON object embedded in a document, in order (prose braces that are not JSON are skipped).</summary>
    public static IReadOnlyList<string> JsonObjects(string text)
    {
        var found = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{' && MatchBrace(text, i) is { } end)
            {
                var candidate = text[i..(end + 1)];
                if (IsJsonObject(candidate))
                {
                    found.Add(candidate);
                    i = end + 1;
                    continue;
                }
            }

            i++;
        }

        return found;
    }

    private static bool IsJsonObject(string candidate)
    {
        try
        {
            using var document = JsonDocument.Parse(candidate);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int? MatchBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return null;
    }

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        var overridden = Environment.GetEnvironmentVariable("RUNSGATEWAY_SHARED");
        if (!string.IsNullOrEmpty(overridden) && Directory.Exists(Path.Combine(overridden, "vendor-docs")))
        {
            return overridden;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "vendor-docs")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/vendor-docs was not found next to the repository; set RUNSGATEWAY_SHARED.");
    }
}
