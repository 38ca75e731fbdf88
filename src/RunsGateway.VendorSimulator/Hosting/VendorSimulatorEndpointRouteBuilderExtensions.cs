using RunsGateway.VendorSimulator;
using RunsGateway.VendorSimulator.Admin;
using RunsGateway.VendorSimulator.Drift;
using RunsGateway.VendorSimulator.Infrastructure;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the vendor simulator's endpoints.</summary>
public static class VendorSimulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the four vendor APIs (<c>{pathPrefix}/ccextractor/api/v1</c>, <c>{pathPrefix}/neetoplaydash/api/external/v1</c>,
    /// <c>{pathPrefix}/testvibe/api/v1/ops</c>, <c>{pathPrefix}/crewship/v1</c>) and the control API (<c>{pathPrefix}/_simulator</c>).
    /// Requires <see cref="Microsoft.Extensions.DependencyInjection.VendorSimulatorServiceCollectionExtensions.AddVendorSimulator"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapVendorSimulator(this IEndpointRouteBuilder endpoints, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var prefix = pathPrefix.Trim().TrimEnd('/');
        if (prefix.Length > 0 && prefix[0] != '/')
        {
            prefix = "/" + prefix;
        }

        foreach (var api in endpoints.ServiceProvider.GetServices<ISimulatedVendorApi>())
        {
            endpoints.Map(prefix + api.Prefix + "/{**rest}", context =>
                context.RequestServices.GetRequiredService<VendorRequestPipeline>().InvokeAsync(context, api));
        }

        SimulatorAdminApi.Map(endpoints, prefix);
        DriftAdminApi.Map(endpoints, prefix);
        return endpoints;
    }
}
