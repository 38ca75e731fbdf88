namespace RunsGateway.Core;

/// <summary>
/// A typed vendor failure: what went wrong, with which vendor, the upstream HTTP status and the vendor's own code and message.
/// It never carries a credential, a request URL or exception text.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Vendor">The vendor involved.</param>
/// <param name="Message">A safe, human-readable description (the vendor's own message where it sent one).</param>
public sealed record VendorError(VendorErrorKind Kind, Vendor Vendor, string Message)
{
    /// <summary>The upstream HTTP status, when a response was received.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The vendor's own machine-readable error code (e.g. CCExtractor <c>rate_limited</c>), when it sent one.</summary>
    public string? VendorCode { get; init; }

    /// <summary>For <see cref="VendorErrorKind.RateLimited"/>: how long the vendor asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Creates an <see cref="VendorErrorKind.InvalidReference"/> error.</summary>
    public static VendorError InvalidReference(Vendor vendor, string message) => new(VendorErrorKind.InvalidReference, vendor, message);

    /// <summary>Creates a <see cref="VendorErrorKind.NotConfigured"/> error.</summary>
    public static VendorError NotConfigured(Vendor vendor) =>
        new(VendorErrorKind.NotConfigured, vendor, $"{vendor.DisplayName()} is not configured (Vendors:{vendor}:BaseUrl is empty).");
}
