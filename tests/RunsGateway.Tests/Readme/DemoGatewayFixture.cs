using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using RunsGateway.Hosting;

namespace RunsGateway.Tests.Readme;

/// <summary>The gateway as the README's first command starts it: no vendor configured, so demo mode, on a free loopback port.</summary>
public sealed class DemoGatewayFixture : IAsyncLifetime
{
    private WebApplication _app = null!;

    /// <summary>Talks to the demo gateway.</summary>
    public DemoGateway Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await GatewayApplication.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:Json"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await _app.StartAsync();
        Host = new DemoGateway(new HttpClient { BaseAddress = new Uri(_app.Urls.First()) });
    }

    public async ValueTask DisposeAsync()
    {
        Host.Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A client of the demo gateway.</summary>
public sealed class DemoGateway(HttpClient client)
{
    /// <summary>The HTTP client, based at the gateway's root.</summary>
    public HttpClient Client { get; } = client;

    /// <summary>Posts a query to <c>/graphql</c> and returns the parsed response body.</summary>
    public async Task<JsonObject> QueryAsync(string query)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?> { ["query"] = query });
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidOperationException("Empty response: " + body);
    }
}
