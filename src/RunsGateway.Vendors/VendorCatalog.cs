using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors;

/// <summary>Answers which vendors have a base URL configured.</summary>
internal sealed class VendorCatalog(VendorPipelines pipelines) : IVendorCatalog
{
    public bool IsConfigured(Vendor vendor) => pipelines.OptionsFor(vendor).IsConfigured;
}
