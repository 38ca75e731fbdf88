using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunsGateway.Core;
using RunsGateway.Vendors;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Drift;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the vendor layer.</summary>
public static class VendorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the four vendor clients (options from <c>Vendors:&lt;Name&gt;</c>, validated on start), their shared resilience
    /// pipelines, <see cref="IRunSource"/> and <see cref="IVendorCatalog"/>. A vendor without a base URL answers <see cref="VendorErrorKind.NotConfigured"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Vendors</c> section.</param>
    /// <param name="configureHttpClient">Optional extra configuration of each vendor's <see cref="IHttpClientBuilder"/> (e.g. an in-process primary handler).</param>
    public static IServiceCollection AddVendors(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<Vendor, IHttpClientBuilder>? configureHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (services.Any(d => d.ServiceType == typeof(VendorsMarker)))
        {
            // Registering twice would stack a second resilience handler (double retries, nested concurrency slots);
            // a repeated call only applies its HttpClient configuration.
            if (configureHttpClient is not null)
            {
                configureHttpClient(Vendor.CcExtractor, services.AddHttpClient(CcExtractorSource.HttpClientName));
                configureHttpClient(Vendor.NeetoPlaydash, services.AddHttpClient(NeetoPlaydashSource.HttpClientName));
                configureHttpClient(Vendor.TestVibe, services.AddHttpClient(TestVibeSource.HttpClientName));
                configureHttpClient(Vendor.Crewship, services.AddHttpClient(CrewshipSource.HttpClientName));
            }

            return services;
        }

        services.AddSingleton<VendorsMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<VendorPipelines>();
        services.AddOptions<VendorDriftOptions>().Bind(configuration.GetSection(VendorDriftOptions.SectionName));
        services.TryAddSingleton<DriftMonitor>();
        services.TryAddSingleton<IVendorDriftReport>(sp => sp.GetRequiredService<DriftMonitor>());
        services.TryAddSingleton<VendorTelemetry>();
        services.TryAddSingleton<IRunSource, RunSource>();
        services.TryAddSingleton<IVendorCatalog, VendorCatalog>();

        AddVendor<CcExtractorOptions, CcExtractorClient, CcExtractorSource>(services, configuration, CcExtractorOptions.SectionName, CcExtractorSource.HttpClientName, configureHttpClient);
        AddVendor<NeetoPlaydashOptions, NeetoPlaydashClient, NeetoPlaydashSource>(services, configuration, NeetoPlaydashOptions.SectionName, NeetoPlaydashSource.HttpClientName, configureHttpClient);
        AddVendor<TestVibeOptions, TestVibeClient, TestVibeSource>(services, configuration, TestVibeOptions.SectionName, TestVibeSource.HttpClientName, configureHttpClient);
        AddVendor<CrewshipOptions, CrewshipClient, CrewshipSource>(services, configuration, CrewshipOptions.SectionName, CrewshipSource.HttpClientName, configureHttpClient);
        return services;
    }

    private static void AddVendor<TOptions, TClient, TSource>(
        IServiceCollection services,
        IConfiguration configuration,
        string sectionName,
        string httpClientName,
        Action<Vendor, IHttpClientBuilder>? configureHttpClient)
        where TOptions : VendorOptions
        where TClient : class
        where TSource : class, IVendorSource
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, VendorOptionsValidator<TOptions>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVendorSource, TSource>());

        var builder = services.AddHttpClient<TClient>(httpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
                ConfigureHttpClient(http, options);
            })
            .AddHttpMessageHandler(sp =>
            {
                var pipelines = sp.GetRequiredService<VendorPipelines>();
                return new ResilienceHandler(pipelines.For(VendorOf<TOptions>()));
            })
            .RedactLoggedHeaders(static _ => true);
        configureHttpClient?.Invoke(VendorOf<TOptions>(), builder);
    }

    private static void ConfigureHttpClient(HttpClient http, VendorOptions options)
    {
        // Resilience owns time limits (per attempt, on the injected TimeProvider).
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.MaxResponseContentBufferSize = 16 * 1024 * 1024;
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!options.IsConfigured || !Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            // No base address: the client answers NotConfigured without sending anything.
            return;
        }

        // A trailing slash keeps the vendor's path prefix when relative paths are resolved.
        http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        if (options.Credential is { Length: > 0 } credential)
        {
            if (options.Vendor == Vendor.NeetoPlaydash)
            {
                http.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", credential);
            }
            else
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
            }
        }
    }

    private sealed class VendorsMarker;

    private static Vendor VendorOf<TOptions>()
        where TOptions : VendorOptions =>
        typeof(TOptions) == typeof(CcExtractorOptions) ? Vendor.CcExtractor
        : typeof(TOptions) == typeof(NeetoPlaydashOptions) ? Vendor.NeetoPlaydash
        : typeof(TOptions) == typeof(TestVibeOptions) ? Vendor.TestVibe
        : Vendor.Crewship;
}
