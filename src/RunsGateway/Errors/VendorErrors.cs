using System.Globalization;
using RunsGateway.Core;
using RunsGateway.GraphQL;

namespace RunsGateway.Errors;

/// <summary>Turns typed vendor failures into GraphQL errors with stable codes; never exposes exception text, URLs or credentials.</summary>
internal static class VendorErrors
{
    public const string InvalidRunRef = "INVALID_RUN_REF";
    public const string InvalidId = "INVALID_ID";
    public const string TooManyRefs = "TOO_MANY_REFS";

    public static string Code(VendorErrorKind kind) => kind switch
    {
        VendorErrorKind.Unauthorized => "VENDOR_UNAUTHORIZED",
        VendorErrorKind.RateLimited => "VENDOR_RATE_LIMITED",
        VendorErrorKind.Unavailable => "VENDOR_UNAVAILABLE",
        VendorErrorKind.BadResponse => "VENDOR_BAD_RESPONSE",
        VendorErrorKind.NotConfigured => "VENDOR_NOT_CONFIGURED",
        VendorErrorKind.InvalidReference => InvalidRunRef,
        VendorErrorKind.NotFound => "VENDOR_NOT_FOUND",
        _ => "VENDOR_ERROR",
    };

    /// <summary>The GraphQL enum name of a vendor (<c>CCEXTRACTOR</c>, …).</summary>
    public static string EnumName(Vendor vendor) =>
        (uint)vendor < (uint)EnumNames.Length ? EnumNames[(int)vendor] : vendor.ToSlug().ToUpperInvariant();

    // Indexed by the enum's value (0…n-1); built once instead of per error and per extensions entry.
    private static readonly string[] EnumNames = [.. Enum.GetValues<Vendor>().Select(v => v.ToSlug().ToUpperInvariant())];

    public static GraphQLException ToException(VendorError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = Code(error.Kind),
            ["vendor"] = EnumName(error.Vendor),
        };
        if (error.HttpStatus is { } status)
        {
            extensions["status"] = status;
        }

        if (error.VendorCode is { } vendorCode)
        {
            extensions["vendorCode"] = vendorCode;
        }

        if (error.RetryAfter is { } retryAfter)
        {
            extensions["retryAfter"] = RetryAfterSeconds(retryAfter);
        }

        return new GraphQLException(new GraphQLError(Message(error), extensions: extensions));
    }

    public static GraphQLException Invalid(string code, string message) =>
        new(new GraphQLError(message, extensions: new Dictionary<string, object?> { ["code"] = code }));

    /// <summary>Whole seconds to wait, the same number in the message and in <c>extensions.retryAfter</c> (never beyond an int).</summary>
    private static int RetryAfterSeconds(TimeSpan wait) => (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 0, int.MaxValue);

    private static string Message(VendorError error)
    {
        var vendor = error.Vendor.DisplayName();
        var status = error.HttpStatus is { } s ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {s})") : string.Empty;
        return error.Kind switch
        {
            VendorErrorKind.InvalidReference => error.Message,
            VendorErrorKind.NotConfigured => $"{vendor} is not configured on this gateway.",
            VendorErrorKind.Unauthorized => $"{vendor} rejected the gateway's credential{status}.",
            VendorErrorKind.RateLimited => error.RetryAfter is { } after
                ? string.Create(CultureInfo.InvariantCulture, $"{vendor} is rate limiting the gateway; retry after {RetryAfterSeconds(after)} s.")
                : $"{vendor} is rate limiting the gateway.",
            VendorErrorKind.Unavailable => $"{vendor} is unavailable{status}.",
            VendorErrorKind.BadResponse => $"{vendor} sent a response the gateway could not read{status}: {error.Message}.",
            _ => $"{vendor} failed{status}.",
        };
    }
}
