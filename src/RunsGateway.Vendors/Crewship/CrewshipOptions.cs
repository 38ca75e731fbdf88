using RunsGateway.Core;

namespace RunsGateway.Vendors.Crewship;

/// <summary>Settings of the Crewship client (section <c>Vendors:Crewship</c>).</summary>
public sealed class CrewshipOptions : VendorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vendors:Crewship";

    /// <inheritdoc />
    public override Vendor Vendor => Vendor.Crewship;

    /// <summary>The API key, sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>The default value is null.</value>
    public string? ApiKey { get; set; }

    internal override string CredentialKey => nameof(ApiKey);

    internal override string? Credential => ApiKey;
}
