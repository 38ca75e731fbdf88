using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator;
using RunsGateway.VendorSimulator.Admin;
using RunsGateway.VendorSimulator.CcExtractor;
using RunsGateway.VendorSimulator.Crewship;
using RunsGateway.VendorSimulator.Drift;
using RunsGateway.VendorSimulator.Infrastructure;
using RunsGateway.VendorSimulator.NeetoPlaydash;
using RunsGateway.VendorSimulator.TestVibe;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the vendor simulator.</summary>
public static class VendorSimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the vendor simulator's services, bound from the <c>Simulator</c> section of <paramref name="configuration"/>
    /// (the root configuration; when null, the host's <see cref="IConfiguration"/> is used). Uses the registered
    /// <see cref="TimeProvider"/> for the simulated clock, or <see cref="TimeProvider.System"/> when none is registered.
    /// </summary>
    public static IServiceCollection AddVendorSimulator(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<VendorSimulatorOptions>();
        if (configuration is null)
        {
            options.BindConfiguration(VendorSimulatorOptions.SectionName);
        }
        else
        {
            options.Bind(configuration.GetSection(VendorSimulatorOptions.SectionName));
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VendorSimulatorOptions>, VendorSimulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulatorClock>();
        services.TryAddSingleton<FaultStore>();
        services.TryAddSingleton<PayloadDrift>();
        services.TryAddSingleton<RequestStats>();
        services.TryAddSingleton<VendorRequestPipeline>();
        services.TryAddSingleton<CcExtractorStore>();
        services.TryAddSingleton<NeetoPlaydashStore>();
        services.TryAddSingleton<TestVibeStore>();
        services.TryAddSingleton<CrewshipStore>();
        services.TryAddSingleton<RunCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISimulatedVendorApi, CcExtractorApi>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISimulatedVendorApi, NeetoPlaydashApi>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISimulatedVendorApi, TestVibeApi>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISimulatedVendorApi, CrewshipApi>());
        return services;
    }
}
