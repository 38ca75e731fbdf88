using RunsGateway.Core;

namespace RunsGateway.Vendors.NeetoPlaydash;

/// <summary>Settings of the NeetoPlaydash client (section <c>Vendors:NeetoPlaydash</c>).</summary>
public sealed class NeetoPlaydashOptions : VendorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vendors:NeetoPlaydash";

    /// <inheritdoc />
    public override Vendor Vendor => Vendor.NeetoPlaydash;

    /// <summary>The API key, sent as <c>X-Api-Key</c>.</summary>
    /// <value>The default value is null.</value>
    public string? ApiKey { get; set; }

    internal override string CredentialKey => nameof(ApiKey);

    internal override string? Credential => ApiKey;
}
