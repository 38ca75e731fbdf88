using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunsGateway.Core;

namespace RunsGateway.Hosting;

/// <summary>Ready when at least one vendor is configured; reports which ones are.</summary>
internal sealed class VendorsHealthCheck(IVendorCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = VendorExtensions.All.ToDictionary(v => v.ToSlug(), v => (object)catalog.IsConfigured(v));
        var configured = VendorExtensions.All.Count(catalog.IsConfigured);
        return Task.FromResult(configured > 0
            ? HealthCheckResult.Healthy($"{configured} of {VendorExtensions.All.Count} vendors configured.", data)
            : HealthCheckResult.Unhealthy("No vendor is configured (set Vendors:<Name>:BaseUrl).", data: data));
    }
}
