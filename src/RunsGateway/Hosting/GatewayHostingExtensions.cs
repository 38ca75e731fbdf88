using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RunsGateway.Caching;
using RunsGateway.Demo;
using RunsGateway.Hosting.Auth;
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
        services.AddHttpLogging(log =>
        {
            // One line per request when Gateway:AccessLog is on; never headers or bodies (they carry credentials and queries).
            log.CombineLogs = true;
            log.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestMethod
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestPath
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.ResponseStatusCode
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.Duration;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.AddOptions<RequestBudgetOptions>().BindConfiguration(RequestBudgetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddVendors(configuration);
        services.AddRunCache(configuration);
        services.TryAddSingleton<VendorSlots>();
        services.TryAddSingleton<RunLoaders>();
        services.TryAddScoped<VendorStatusTracker>();
        services.TryAddScoped<RequestBudget>();
        services.AddLiveRuns();
        services.AddGraphQLHttp(sp => GatewaySchema.Create(sp.GetRequiredService<LiveRunResolvers>().AddTo));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<GraphQL.AspNetCore.IGraphQLRequestInterceptor, VendorStatusInterceptor>());

        builder.AddGatewayAuth();
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
        if (options.AccessLog)
        {
            app.UseHttpLogging();
        }

        app.UseCors();
        app.UseWebSockets();
        app.UseGatewayAuth();
        app.MapGraphQL(options.Path).RequireCors(CorsPolicy);
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapCachePurge();
        app.MapVendorDrift();
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
        // The exporter reads the standard OTEL_* variables itself (endpoint, protocol, headers, per-signal endpoints, export
        // intervals), so it appends /v1/traces and /v1/metrics to a base endpoint as the specification says.
        if (!GatewayTelemetry.TryConfigureExport(builder.Configuration))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("runsgateway").AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddSource(GatewayMetrics.Name)
                .AddSource(GatewayTelemetry.VendorsName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.Name)
                .AddMeter(GatewayTelemetry.VendorsName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
    }
}
