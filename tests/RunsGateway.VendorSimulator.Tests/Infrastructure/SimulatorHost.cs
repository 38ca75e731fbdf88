using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunsGateway.VendorSimulator.Tests.Infrastructure;

/// <summary>The simulator hosted in-process on a free loopback port, exactly as the gateway hosts it (Add/Map).</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, ManualTimeProvider time, Uri baseAddress)
    {
        _app = app;
        Time = time;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public ManualTimeProvider Time { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SimulatorHost> StartAsync(
        IDictionary<string, string?>? configuration = null,
        ManualTimeProvider? time = null,
        string pathPrefix = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        time ??= new ManualTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddVendorSimulator(builder.Configuration);
        var app = builder.Build();
        app.MapVendorSimulator(pathPrefix);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SimulatorHost(app, time, new Uri(address.TrimEnd('/') + pathPrefix + "/"));
    }

    /// <summary>A GET with the given headers.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static (string, string) Bearer(string token) => ("Authorization", "Bearer " + token);

    public static (string, string) ApiKey(string key) => ("X-Api-Key", key);

    public Task<HttpResponseMessage> GetCcExtractorAsync(string path) =>
        GetAsync("ccextractor/api/v1/" + path, Bearer(SimulatorDefaults.CcExtractorToken));

    public Task<HttpResponseMessage> GetNeetoPlaydashAsync(string path) =>
        GetAsync("neetoplaydash/api/external/v1/" + path, ApiKey(SimulatorDefaults.NeetoPlaydashApiKey), ("Accept", "application/json"));

    public Task<HttpResponseMessage> GetTestVibeAsync(string path) =>
        GetAsync("testvibe/api/v1/ops/" + path, Bearer(SimulatorDefaults.TestVibeApiKey));

    public Task<HttpResponseMessage> GetCrewshipAsync(string path) =>
        GetAsync("crewship/v1/" + path, Bearer(SimulatorDefaults.CrewshipApiKey));

    /// <summary>The seeded runs, optionally filtered, from the control API.</summary>
    public async Task<JsonArray> RunsAsync(string? vendor = null, string? status = null)
    {
        var query = new List<string>();
        if (vendor is not null)
        {
            query.Add("vendor=" + Uri.EscapeDataString(vendor));
        }

        if (status is not null)
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        var json = await Client.GetStringAsync("_simulator/runs" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), TestContext.Current.CancellationToken);
        return JsonNode.Parse(json)!.AsArray();
    }

    public async Task SetFaultAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await Client.PostAsync("_simulator/faults", content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> StatsAsync()
    {
        var json = await Client.GetStringAsync("_simulator/stats", TestContext.Current.CancellationToken);
        return JsonNode.Parse(json)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

/// <summary>Helpers to read JSON responses.</summary>
public static class ResponseExtensions
{
    public static async Task<JsonObject> JsonObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
}
