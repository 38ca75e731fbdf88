namespace RunsGateway.Core;

/// <summary>Which vendors are configured (for readiness checks and error reporting).</summary>
public interface IVendorCatalog
{
    /// <summary>Whether the vendor has a base URL and credential configured.</summary>
    bool IsConfigured(Vendor vendor);
}
