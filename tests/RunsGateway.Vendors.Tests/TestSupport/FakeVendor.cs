using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunsGateway.Vendors.Tests.TestSupport;

/// <summary>A hostile vendor: Kestrel on 127.0.0.1 (a free port) answering every request with <paramref name="handle"/>.</summary>
public sealed class FakeVendor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeVendor(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Requests received (method and path-and-query), in order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The protocol (e.g. <c>HTTP/1.1</c>) and the headers of each request received, in order.</summary>
    public List<(string Protocol, IHeaderDictionary Headers)> Received { get; } = [];

    /// <param name="handle">The answer to every request.</param>
    /// <param name="protocols">What the endpoint serves; <see cref="HttpProtocols.Http2"/> alone is HTTP/2 with prior knowledge (h2c).</param>
    public static async Task<FakeVendor> StartAsync(Func<HttpContext, Task> handle, HttpProtocols protocols = HttpProtocols.Http1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = protocols)).UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeVendor? vendor = null;
        app.Run(async context =>
        {
            lock (vendor!.Requests)
            {
                vendor.Requests.Add($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
                vendor.Received.Add((context.Request.Protocol, new HeaderDictionary(context.Request.Headers.ToDictionary())));
            }

            await handle(context);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        vendor = new FakeVendor(app, address.TrimEnd('/'));
        return vendor;
    }

    /// <summary>The vendor layer pointed at this fake (real sockets, the default primary handler), with optional extra settings.</summary>
    public ServiceProvider Vendors(TimeProvider? time = null, IDictionary<string, string?>? settings = null) => VendorsAt(BaseUrl, time, settings);

    public static ServiceProvider VendorsAt(string baseUrl, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Vendors:CcExtractor:BaseUrl"] = baseUrl + "/ccextractor/api/v1",
            ["Vendors:CcExtractor:Token"] = VendorHarness.CcExtractorToken,
            ["Vendors:NeetoPlaydash:BaseUrl"] = baseUrl + "/neetoplaydash/api/external/v1",
            ["Vendors:NeetoPlaydash:ApiKey"] = VendorHarness.ApiKey,
            ["Vendors:TestVibe:BaseUrl"] = baseUrl + "/testvibe/api/v1/ops",
            ["Vendors:TestVibe:ApiKey"] = VendorHarness.ApiKey,
            ["Vendors:Crewship:BaseUrl"] = baseUrl + "/crewship/v1",
            ["Vendors:Crewship:ApiKey"] = VendorHarness.ApiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddVendors(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
