using RunsGateway.Core;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors;

/// <summary>Answers which vendors have a base URL configured.</summary>
internal sealed class VendorCatalog(VendorBudgets budgets) : IVendorCatalog
{
    public bool IsConfigured(Vendor vendor) => budgets.OptionsFor(vendor).IsConfigured;
}
