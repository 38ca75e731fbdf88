namespace RunsGateway.Core;

/// <summary>The kinds of failure a vendor call can end in.</summary>
public enum VendorErrorKind
{
    /// <summary>The run (or resource) does not exist upstream (HTTP 404). Absence is data: the gateway answers null without an error.</summary>
    NotFound,

    /// <summary>The vendor rejected the credential (HTTP 401/403).</summary>
    Unauthorized,

    /// <summary>The vendor rate-limited us (HTTP 429) beyond what we were willing to wait; <see cref="VendorError.RetryAfter"/> says when to try again.</summary>
    RateLimited,

    /// <summary>The vendor failed (5xx), did not answer in time, could not be reached, or its circuit is open.</summary>
    Unavailable,

    /// <summary>The vendor answered with a body that is not JSON or not of the documented shape, or with an unexpected status.</summary>
    BadResponse,

    /// <summary>The vendor has no base URL (or no credential) configured.</summary>
    NotConfigured,

    /// <summary>The run reference is invalid for the vendor (missing or superfluous project, malformed run id).</summary>
    InvalidReference,
}
