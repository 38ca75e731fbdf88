using RunsGateway.Core;

namespace RunsGateway.Vendors.CcExtractor;

/// <summary>Settings of the CCExtractor sample platform client (section <c>Vendors:CcExtractor</c>).</summary>
public sealed class CcExtractorOptions : VendorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vendors:CcExtractor";

    /// <inheritdoc />
    public override Vendor Vendor => Vendor.CcExtractor;

    /// <summary>The bearer token sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>The default value is null.</value>
    public string? Token { get; set; }

    internal override string CredentialKey => nameof(Token);

    internal override string? Credential => Token;
}
