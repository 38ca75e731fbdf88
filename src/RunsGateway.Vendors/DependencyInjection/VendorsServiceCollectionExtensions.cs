using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;
using RunsGateway.Core;
using RunsGateway.Vendors;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.Drift;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the vendor layer.</summary>
public static class VendorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the four vendor clients (Refit interfaces over named <see cref="HttpClient"/>s with a resilience handler; options from
    /// <c>Vendors:&lt;Name&gt;</c>, validated on start), <see cref="IRunSource"/> and <see cref="IVendorCatalog"/>. A vendor without a
    /// base URL answers <see cref="VendorErrorKind.NotConfigured"/> without building a request.
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
        services.TryAddSingleton<VendorBudgets>();
        services.AddMetrics();
        services.AddOptions<VendorDriftOptions>().Bind(configuration.GetSection(VendorDriftOptions.SectionName));
        services.TryAddSingleton<DriftMonitor>();
        services.TryAddSingleton<IVendorDriftReport>(sp => sp.GetRequiredService<DriftMonitor>());
        services.TryAddSingleton<VendorTelemetry>();
        services.TryAddSingleton<IRunSource, RunSource>();
        services.TryAddSingleton<IVendorCatalog, VendorCatalog>();

        AddVendor<CcExtractorOptions, ICcExtractorApi, CcExtractorSource>(services, configuration, CcExtractorOptions.SectionName, CcExtractorSource.HttpClientName, CcExtractorJsonContext.Default, configureHttpClient);
        AddVendor<NeetoPlaydashOptions, INeetoPlaydashApi, NeetoPlaydashSource>(services, configuration, NeetoPlaydashOptions.SectionName, NeetoPlaydashSource.HttpClientName, NeetoPlaydashJsonContext.Default, configureHttpClient);
        AddVendor<TestVibeOptions, ITestVibeApi, TestVibeSource>(services, configuration, TestVibeOptions.SectionName, TestVibeSource.HttpClientName, TestVibeJsonContext.Default, configureHttpClient);
        AddVendor<CrewshipOptions, ICrewshipApi, CrewshipSource>(services, configuration, CrewshipOptions.SectionName, CrewshipSource.HttpClientName, CrewshipJsonContext.Default, configureHttpClient);
        return services;
    }

    private static void AddVendor<TOptions, TApi, TSource>(
        IServiceCollection services,
        IConfiguration configuration,
        string sectionName,
        string httpClientName,
        JsonSerializerContext jsonContext,
        Action<Vendor, IHttpClientBuilder>? configureHttpClient)
        where TOptions : VendorOptions
        where TApi : class
        where TSource : class, IVendorSource
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, VendorOptionsValidator<TOptions>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVendorSource, TSource>());

        var vendor = VendorOf<TOptions>();
        var builder = services.AddRefitGeneratedClient<TApi>(jsonContext, static sp => RefitSettingsFor(sp.GetRequiredService<IOptions<TOptions>>().Value), httpClientName)
            .ConfigureHttpClient((sp, http) => ConfigureHttpClient(http, sp.GetRequiredService<IOptions<TOptions>>().Value))

            // Vendor redirects are never followed (a redirect would carry the credential to another host); the 3xx is a bad response.
            // Vendors are third parties: our trace context (traceparent, tracestate, baggage) is never sent to them.
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ActivityHeadersPropagator = null,

                // With HttpVersion 2.0, a vendor that allows fewer concurrent streams than MaxConcurrentRequests gets a second
                // connection rather than queued calls.
                EnableMultipleHttp2Connections = true,
            })

            // Each source keeps one client (pooled connections are recycled by PooledConnectionLifetime instead).
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // No IHttpClientFactory logging handlers: they cost two handlers, a log scope and four level checks per attempt even
            // when filtered out, and a vendor request line is no log the gateway writes (credentials never reach one either way);
            // the vendor layer logs its own events (retries, circuit changes) and reports every call as a span and metrics.
            .RemoveAllLoggers();
        builder.AddResilienceHandler("vendor", (pipeline, context) =>
        {
            var sp = context.ServiceProvider;
            VendorResilience.Configure(
                pipeline,
                sp.GetRequiredService<IOptions<TOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<VendorBudgets>().For(vendor),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger($"RunsGateway.Vendors.{vendor}"),
                context.OnPipelineDisposed);
        });
        builder.AddHttpMessageHandler(sp => new VendorBodyHandler(
            sp.GetRequiredService<VendorBudgets>().For(vendor),
            sp.GetRequiredService<IOptions<TOptions>>().Value.MaxResponseBytes));
        configureHttpClient?.Invoke(vendor, builder);
    }

    private static RefitSettings RefitSettingsFor(VendorOptions options) =>
        new() { Version = options.HttpVersion, VersionPolicy = options.HttpVersionPolicy };

    private static void ConfigureHttpClient(HttpClient http, VendorOptions options)
    {
        // The resilience handler owns time limits (per attempt, on the injected TimeProvider).
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!options.IsConfigured || !Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            // No base address: the source answers NotConfigured and never resolves this client.
            return;
        }

        http.BaseAddress = baseUrl;
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
