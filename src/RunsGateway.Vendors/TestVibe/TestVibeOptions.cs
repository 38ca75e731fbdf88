using RunsGateway.Core;

namespace RunsGateway.Vendors.TestVibe;

/// <summary>Settings of the TestVibe client (section <c>Vendors:TestVibe</c>).</summary>
public sealed class TestVibeOptions : VendorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vendors:TestVibe";

    /// <inheritdoc />
    public override Vendor Vendor => Vendor.TestVibe;

    /// <summary>The API key, sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>The default value is null.</value>
    public string? ApiKey { get; set; }

    internal override string CredentialKey => nameof(ApiKey);

    internal override string? Credential => ApiKey;
}
