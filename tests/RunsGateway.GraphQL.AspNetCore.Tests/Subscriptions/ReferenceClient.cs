using System.Text.Json;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>
/// Runs tools/subscription-clients/client.mjs: the reference graphql-ws and graphql-sse clients (installed by
/// scripts/npm-setup.sh), and returns the lines they printed.
/// </summary>
internal static class ReferenceClient
{
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(string transport, Uri url, object request, int? take = null, int? subscriptions = null)
    {
        var node = ExternalTools.FindOnPath("node");
        if (node is null)
        {
            ExternalTools.Unavailable("node is not on PATH; install Node.js 20+ to run the reference subscription clients.");
        }

        var directory = Path.Combine(ExternalTools.RepositoryRoot, "tools", "subscription-clients");
        if (!File.Exists(Path.Combine(directory, "node_modules", "graphql-ws", "package.json")))
        {
            ExternalTools.Unavailable($"The reference clients are not installed in {directory}; run scripts/npm-setup.sh.");
        }

        List<string> arguments = [Path.Combine(directory, "client.mjs"), transport, url.ToString(), JsonSerializer.Serialize(request)];
        if (take is { } n)
        {
            arguments.AddRange(["--take", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (subscriptions is { } s)
        {
            arguments.AddRange(["--subscriptions", s.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var (exitCode, stdout, stderr) = await ExternalTools.RunAsync(node!, arguments, directory, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        exitCode.ShouldBe(0, stderr);
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public static IEnumerable<JsonElement> Of(this IReadOnlyList<JsonElement> lines, string kind, int sub = 0)
        => lines.Where(line => line.TryGetProperty(kind, out _) && (!line.TryGetProperty("sub", out var s) || s.GetInt32() == sub));
}
