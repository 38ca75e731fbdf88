using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RunsGateway.Caching;
using RunsGateway.Demo;
using RunsGateway.Live;
using RunsGateway.Loading;
using RunsGateway.Schema;
using RunsGateway.Telemetry;

namespace RunsGateway.Hosting;

/// <summary>Composes the gateway: vendors, cache, loaders, schema, GraphQL over HTTP, health, telemetry and CORS.</summary>
internal static class GatewayHostingExtensions
{
    private const string CorsPolicy = "RunsGateway";

    /// <summary>Registers everything the gateway needs; in demo mode starts the in-process vendor simulator first.</summary>
    public static async Task<WebApplicationBuilder> AddRunsGatewayAsync(this WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        if (DemoSimulator.IsWanted(configuration))
        {
            var simulator = await DemoSimulator.StartAsync(configuration, cancellationToken).ConfigureAwait(false);
            configuration.AddInMemoryCollection(simulator.VendorConfiguration());
            services.AddSingleton(simulator);
        }

        builder.AddStructuredLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();

        services.AddVendors(configuration);
        services.AddRunCache(configuration);
        services.TryAddSingleton<RunLoaders>();
        services.TryAddScoped<VendorStatusTracker>();
        services.AddLiveRuns();
        services.AddGraphQLHttp(sp => GatewaySchema.Create(sp.GetRequiredService<LiveRunResolvers>().AddTo));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<GraphQL.AspNetCore.IGraphQLRequestInterceptor, VendorStatusInterceptor>());

        services.AddHealthChecks().AddCheck<VendorsHealthCheck>("vendors", tags: ["ready"]);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, _ => { }));
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>, CorsOptionsSetup>();
        builder.AddTelemetry();
        return builder;
    }

    /// <summary>Maps <c>/graphql</c> (with the IDE), <c>/healthz</c>, <c>/readyz</c> and the cache purge endpoint.</summary>
    public static WebApplication MapRunsGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        app.UseCors();
        app.UseWebSockets();
        app.MapGraphQL(options.Path).RequireCors(CorsPolicy);
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapCachePurge();
        if (app.Services.GetService<DemoSimulator>() is { } simulator)
        {
            simulator.LogStarted(app.Logger);
            app.Lifetime.ApplicationStopped.Register(() => simulator.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        return app;
    }

    private static void AddStructuredLogging(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Logging:Json", defaultValue: true))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                json.UseUtcTimestamp = true;
            });
        }
    }

    private static void AddTelemetry(this WebApplicationBuilder builder)
    {
        // Exported over OTLP only when an endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or OpenTelemetry:Otlp:Endpoint).
        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? builder.Configuration["OpenTelemetry:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("runsgateway"))
            .WithTracing(tracing => tracing
                .AddSource(GatewayMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint)))
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.Name)
                .AddMeter("RunsGateway.Vendors")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint)));
    }
}
