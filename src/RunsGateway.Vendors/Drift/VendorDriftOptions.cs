namespace RunsGateway.Vendors.Drift;

/// <summary>Drift detection settings (<c>Vendors:Drift</c>).</summary>
public sealed class VendorDriftOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vendors:Drift";

    /// <summary>Whether vendor answers are checked for drift.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;
}
