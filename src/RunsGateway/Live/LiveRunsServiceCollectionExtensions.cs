using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RunsGateway.Live;

/// <summary>Registers the shared run pollers and the <c>runChanged</c> subscription resolvers.</summary>
internal static class LiveRunsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveRuns(this IServiceCollection services)
    {
        services.AddOptions<LiveRunOptions>().BindConfiguration(LiveRunOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LiveRunOptions>, LiveRunOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveRunOptions>, LiveRunOptionsValidator>());
        services.TryAddSingleton<ILiveRunStore, RunCacheLiveStore>();
        services.TryAddSingleton<LiveRuns>();
        services.TryAddSingleton<LiveRunResolvers>();
        return services;
    }
}
