using System.Text.Json;

namespace RunsGateway.Vendors.Tests.TestSupport;

/// <summary>
/// The vendor documents' examples the tests read: verbatim excerpts of the team's vendor documents, kept in
/// <c>Contract/VendorDocs</c> (each names its source) and copied next to the test binaries.
/// </summary>
public static class SharedDocs
{
    /// <summary>The folder of the excerpts next to the test binaries.</summary>
    public static string VendorDocs { get; } = Path.Combine(AppContext.BaseDirectory, "Contract", "VendorDocs");

    /// <summary>The text of one excerpt, e.g. <c>crewship-get-run.txt</c>.</summary>
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
}
