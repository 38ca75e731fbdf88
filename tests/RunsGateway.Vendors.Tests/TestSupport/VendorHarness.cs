using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.Core;

namespace RunsGateway.Vendors.Tests.TestSupport;

/// <summary>Builds the vendor layer exactly as <c>AddVendors</c> registers it, over a given primary handler and clock.</summary>
public sealed class VendorHarness : IAsyncDisposable
{
    public const string CcExtractorToken = "test-cc-token";
    public const string ApiKey = "test-api-key";

    private readonly ServiceProvider _services;

    public VendorHarness(Func<HttpMessageHandler> primaryHandler, string baseUrl = "http://vendor.test", TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Vendors:CcExtractor:BaseUrl"] = baseUrl + "/ccextractor/api/v1",
            ["Vendors:CcExtractor:Token"] = CcExtractorToken,
            ["Vendors:NeetoPlaydash:BaseUrl"] = baseUrl + "/neetoplaydash/api/external/v1",
            ["Vendors:NeetoPlaydash:ApiKey"] = ApiKey,
            ["Vendors:TestVibe:BaseUrl"] = baseUrl + "/testvibe/api/v1/ops",
            ["Vendors:TestVibe:ApiKey"] = ApiKey,
            ["Vendors:Crewship:BaseUrl"] = baseUrl + "/crewship/v1",
            ["Vendors:Crewship:ApiKey"] = ApiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddVendors(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(primaryHandler));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IServiceProvider Services => _services;

    public IRunSource Source => _services.GetRequiredService<IRunSource>();

    public static RunRef Ref(Vendor vendor, string runId, string? project = null) => RunRef.Create(vendor, runId, project).Value;

    public async Task<Result<Run>> GetRunAsync(RunRef runRef) => (await Source.GetRunsAsync([runRef], TestContext.Current.CancellationToken))[0];

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
