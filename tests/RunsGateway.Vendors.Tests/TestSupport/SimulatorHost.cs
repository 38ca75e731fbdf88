using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunsGateway.Core;
using RunsGateway.VendorSimulator;

namespace RunsGateway.Vendors.Tests.TestSupport;

/// <summary>
/// The vendor simulator hosted in-process on a <see cref="TestServer"/> (its own wall clock), with the vendor layer pointed at it
/// through the demo credentials and driven by a <see cref="ManualTimeProvider"/>.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _admin;

    private SimulatorHost(WebApplication app, ManualTimeProvider time, IDictionary<string, string?>? vendorSettings)
    {
        _app = app;
        Time = time;
        var server = app.GetTestServer();
        _admin = server.CreateClient();
        var settings = new Dictionary<string, string?>
        {
            ["Vendors:CcExtractor:Token"] = SimulatorDefaults.CcExtractorToken,
            ["Vendors:NeetoPlaydash:ApiKey"] = SimulatorDefaults.NeetoPlaydashApiKey,
            ["Vendors:TestVibe:ApiKey"] = SimulatorDefaults.TestVibeApiKey,
            ["Vendors:Crewship:ApiKey"] = SimulatorDefaults.CrewshipApiKey,
        };
        foreach (var (key, value) in vendorSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Vendors = new VendorHarness(server.CreateHandler, "http://localhost", time, settings);
    }

    public ManualTimeProvider Time { get; }

    public VendorHarness Vendors { get; }

    public static async Task<SimulatorHost> StartAsync(IDictionary<string, string?>? vendorSettings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddVendorSimulator(builder.Configuration);
        var app = builder.Build();
        app.MapVendorSimulator();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new SimulatorHost(app, new ManualTimeProvider(), vendorSettings);
    }

    public async Task SetFaultAsync(object fault)
    {
        using var response = await _admin.PostAsJsonAsync("/_simulator/faults", fault, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await _admin.DeleteAsync("/_simulator/faults", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One vendor's counters from <c>GET /_simulator/stats</c> (<c>total</c>, <c>maxConcurrent</c>, per endpoint).</summary>
    public async Task<IReadOnlyDictionary<string, long>> StatsAsync(Vendor vendor)
    {
        var stats = await _admin.GetFromJsonAsync<Dictionary<string, Dictionary<string, long>>>("/_simulator/stats", TestContext.Current.CancellationToken);
        return stats![vendor.ToSlug()];
    }

    /// <summary>A raw request to a simulated vendor (no gateway client in between).</summary>
    public async Task<HttpResponseMessage> GetVendorAsync(string path, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await _admin.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task ResetStatsAsync()
    {
        using var response = await _admin.PostAsync("/_simulator/stats/reset", null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The seeded runs from <c>GET /_simulator/runs</c> as references, with their current raw status.</summary>
    public async Task<IReadOnlyList<(RunRef Ref, string Status)>> RunsAsync(Vendor vendor, string? status = null)
    {
        var url = $"/_simulator/runs?vendor={vendor.ToSlug()}" + (status is null ? string.Empty : $"&status={Uri.EscapeDataString(status)}");
        var runs = await _admin.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
        return runs.EnumerateArray()
            .Select(r => (RunRef.Create(vendor, r.GetProperty("runId").GetString(), r.GetProperty("project").GetString()).Value, r.GetProperty("status").GetString()!))
            .ToArray();
    }

    /// <summary>Advances the manual clock timer by timer (only timers due within <paramref name="horizon"/>) until <paramref name="task"/> completes.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan horizon, List<TimeSpan>? advanced = null)
    {
        var deadline = Environment.TickCount64 + 20_000;
        while (!task.IsCompleted)
        {
            var timer = Time.WaitForTimerAsync(due => due <= horizon, TimeSpan.FromSeconds(20));
            await Task.WhenAny(task, timer);
            if (task.IsCompleted)
            {
                break;
            }

            await timer;
            var due = Time.PendingTimers().First(d => d <= horizon);
            advanced?.Add(due);
            Time.Advance(due);
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("The call did not complete while driving the clock.");
            }
        }

        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        await Vendors.DisposeAsync();
        _admin.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
