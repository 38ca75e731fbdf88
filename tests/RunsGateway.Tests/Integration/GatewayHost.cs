using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunsGateway.Hosting;
using RunsGateway.VendorSimulator;

namespace RunsGateway.Tests.Integration;

/// <summary>
/// A vendor simulator and a gateway pointed at it, both real Kestrel servers on free loopback ports, as a user deploys them.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _simulator;
    private readonly WebApplication _gateway;

    private GatewayHost(WebApplication simulator, WebApplication gateway)
    {
        _simulator = simulator;
        _gateway = gateway;
        Simulator = new HttpClient { BaseAddress = new Uri(simulator.Urls.First()) };
        Client = new HttpClient { BaseAddress = new Uri(gateway.Urls.First()) };
    }

    /// <summary>Talks to the gateway.</summary>
    public HttpClient Client { get; }

    /// <summary>Talks to the simulator (its <c>/_simulator</c> admin API).</summary>
    public HttpClient Simulator { get; }

    public IServiceProvider Services => _gateway.Services;

    public Uri GraphQLEndpoint => new(Client.BaseAddress!, "/graphql");

    /// <param name="settings">Extra gateway configuration (e.g. <c>ConnectionStrings:Redis</c>).</param>
    /// <param name="clockSpeed">The simulator's clock speed; a tiny value keeps running runs where they are for the length of a test.</param>
    /// <param name="configure">Runs after the test configuration is added (e.g. to add a configuration file or a logger provider).</param>
    /// <param name="simulatorTime">The simulator's clock (its runs move as it advances); null for the system clock.</param>
    public static async Task<GatewayHost> StartAsync(
        IDictionary<string, string?>? settings = null, double clockSpeed = 0.0001, Action<WebApplicationBuilder>? configure = null, TimeProvider? simulatorTime = null)
    {
        var simBuilder = WebApplication.CreateSlimBuilder();
        simBuilder.Logging.ClearProviders();
        simBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        simBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:ClockSpeed"] = clockSpeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (simulatorTime is not null)
        {
            simBuilder.Services.AddSingleton(simulatorTime);
        }

        simBuilder.Services.AddVendorSimulator(simBuilder.Configuration);
        var simulator = simBuilder.Build();
        simulator.MapVendorSimulator();
        await simulator.StartAsync();
        var root = simulator.Urls.First().TrimEnd('/');

        var config = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["GraphQL:Execution:IncludeExceptionDetails"] = "true",
            ["Logging:Json"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Vendors:CcExtractor:BaseUrl"] = root + SimulatorDefaults.CcExtractorPrefix,
            ["Vendors:CcExtractor:Token"] = SimulatorDefaults.CcExtractorToken,
            ["Vendors:NeetoPlaydash:BaseUrl"] = root + SimulatorDefaults.NeetoPlaydashPrefix,
            ["Vendors:NeetoPlaydash:ApiKey"] = SimulatorDefaults.NeetoPlaydashApiKey,
            ["Vendors:TestVibe:BaseUrl"] = root + SimulatorDefaults.TestVibePrefix,
            ["Vendors:TestVibe:ApiKey"] = SimulatorDefaults.TestVibeApiKey,
            ["Vendors:Crewship:BaseUrl"] = root + SimulatorDefaults.CrewshipPrefix,
            ["Vendors:Crewship:ApiKey"] = SimulatorDefaults.CrewshipApiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var gateway = await GatewayApplication.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(config);
            configure?.Invoke(builder);
        });
        await gateway.StartAsync();
        return new GatewayHost(simulator, gateway);
    }

    /// <summary>Posts a query and returns the parsed response body.</summary>
    public async Task<JsonObject> QueryAsync(string query, object? variables = null)
    {
        using var response = await PostAsync(query, variables);
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidOperationException("Empty response: " + body);
    }

    public Task<HttpResponseMessage> PostAsync(string query, object? variables = null)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?> { ["query"] = query, ["variables"] = variables });
        return Client.PostAsync("/graphql", new StringContent(payload, Encoding.UTF8, "application/json"));
    }

    /// <summary>Seeded runs of a vendor, optionally with a given raw status.</summary>
    public async Task<IReadOnlyList<SimulatedRun>> RunsAsync(string vendor, string? status = null)
    {
        var url = $"/_simulator/runs?vendor={vendor}" + (status is null ? string.Empty : $"&status={status}");
        return await Simulator.GetFromJsonAsync<List<SimulatedRun>>(url, JsonSerializerOptions.Web) ?? [];
    }

    public async Task ResetStatsAsync() => (await Simulator.PostAsync("/_simulator/stats/reset", null)).EnsureSuccessStatusCode();

    /// <summary>Requests the simulator served for a vendor, per endpoint (plus <c>total</c> and <c>maxConcurrent</c>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> StatsAsync(string vendor)
    {
        var stats = await Simulator.GetFromJsonAsync<Dictionary<string, Dictionary<string, long>>>("/_simulator/stats") ?? [];
        return stats.TryGetValue(vendor, out var counters) ? counters : new Dictionary<string, long>();
    }

    public async Task SetFaultAsync(object fault) =>
        (await Simulator.PostAsync("/_simulator/faults", new StringContent(JsonSerializer.Serialize(fault), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await Simulator.DeleteAsync("/_simulator/faults")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Simulator.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
    }
}

/// <summary>One entry of the simulator's <c>/_simulator/runs</c> catalogue.</summary>
public sealed record SimulatedRun(string Vendor, string? Project, string RunId, string Status);
