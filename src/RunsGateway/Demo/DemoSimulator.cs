using RunsGateway.Core;
using RunsGateway.VendorSimulator;

namespace RunsGateway.Demo;

/// <summary>
/// Demo mode: when no vendor is configured, the gateway starts the vendor simulator inside its own process on a loopback port and
/// points all four vendors at it, so <c>dotnet run --project src/RunsGateway</c> shows real data on a fresh machine.
/// </summary>
internal sealed partial class DemoSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoSimulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Whether the configuration names no vendor base URL at all (and demo mode is not switched off).</summary>
    public static bool IsWanted(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetValue<bool?>("Demo:Enabled") is { } enabled)
        {
            return enabled;
        }

        return VendorExtensions.All.All(v => string.IsNullOrWhiteSpace(configuration[$"Vendors:{v}:BaseUrl"]));
    }

    /// <summary>Starts the simulator on <c>127.0.0.1</c> with a free port (or <c>Demo:Port</c>).</summary>
    public static async Task<DemoSimulator> StartAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = configuration.GetValue<int?>("Demo:Port") ?? 0;
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddVendorSimulator(configuration);
        var app = builder.Build();
        app.MapVendorSimulator();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return new DemoSimulator(app, address);
    }

    /// <summary>The vendor configuration that points every vendor at this simulator with its demo credentials.</summary>
    public IEnumerable<KeyValuePair<string, string?>> VendorConfiguration()
    {
        var root = BaseAddress.ToString().TrimEnd('/');
        yield return new("Vendors:CcExtractor:BaseUrl", root + SimulatorDefaults.CcExtractorPrefix);
        yield return new("Vendors:CcExtractor:Token", SimulatorDefaults.CcExtractorToken);
        yield return new("Vendors:NeetoPlaydash:BaseUrl", root + SimulatorDefaults.NeetoPlaydashPrefix);
        yield return new("Vendors:NeetoPlaydash:ApiKey", SimulatorDefaults.NeetoPlaydashApiKey);
        yield return new("Vendors:TestVibe:BaseUrl", root + SimulatorDefaults.TestVibePrefix);
        yield return new("Vendors:TestVibe:ApiKey", SimulatorDefaults.TestVibeApiKey);
        yield return new("Vendors:Crewship:BaseUrl", root + SimulatorDefaults.CrewshipPrefix);
        yield return new("Vendors:Crewship:ApiKey", SimulatorDefaults.CrewshipApiKey);
    }

    /// <summary>Says where the simulator listens, so people can list its runs (<c>/_simulator/runs</c>) and set faults.</summary>
    public void LogStarted(ILogger logger) => LogDemoMode(logger, BaseAddress);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Demo mode: no vendor is configured, so the vendor simulator runs in-process at {SimulatorAddress} (seeded runs at /_simulator/runs).")]
    private static partial void LogDemoMode(ILogger logger, Uri simulatorAddress);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
