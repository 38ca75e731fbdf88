using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RunsGateway.GraphQL.AspNetCore;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>Automatic persisted queries shared by two gateway instances through one Redis.</summary>
public sealed class PersistedOperationTests
{
    [Fact]
    public async Task Apq_RegisteredOnOneInstance_HashAloneRunsOnTheOther()
    {
        if (ExternalTools.FindOnPath("redis-server") is null)
        {
            ExternalTools.Unavailable("redis-server is not on PATH (apt-get install redis-server).");
        }

        await using var redis = await RedisServer.StartAsync();
        // A generous Redis timeout: on a loaded 2-core machine a cold first round trip can pass the 250 ms default, and the cache
        // then skips Redis for a while, which would make the second instance miss the stored document.
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.Endpoint, ["Cache:OperationTimeout"] = "00:00:05" };
        await using var first = await GatewayHost.StartAsync(settings);
        await using var second = await GatewayHost.StartAsync(settings);
        const string query = "{ run(vendor: CCEXTRACTOR, runId: \"1\") { runId state } }";
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query))) } };

        var unknown = await PostAsync(second, new { extensions });
        var registered = await PostAsync(first, new { query, extensions });
        var byHash = await PostAsync(second, new { extensions });

        unknown["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe(PersistedOperationErrorCodes.NotFound);
        registered["data"]!["run"]!["runId"]!.GetValue<string>().ShouldBe("1");
        byHash["data"]!.ToJsonString().ShouldBe(registered["data"]!.ToJsonString());
    }

    private static async Task<JsonObject> PostAsync(GatewayHost host, object body)
    {
        using var response = await host.Client.PostAsJsonAsync("/graphql", body, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }
}
