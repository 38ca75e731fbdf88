using RunsGateway.Core;
using RunsGateway.Errors;

namespace RunsGateway.Tests.Errors;

/// <summary>The GraphQL error built from a rate-limited vendor says the same wait in its message and in <c>retryAfter</c>.</summary>
public sealed class VendorErrorsTests
{
    [Theory]
    [InlineData(2.2, 3)]
    [InlineData(86_400, 86_400)]
    [InlineData(2_299_931_979, int.MaxValue)]
    public void ToException_RateLimited_MessageAndExtensionGiveTheSameSeconds(double waitSeconds, int expected)
    {
        var error = new VendorError(VendorErrorKind.RateLimited, Vendor.CcExtractor, "slow down") { HttpStatus = 429, RetryAfter = TimeSpan.FromSeconds(waitSeconds) };

        var graphQLError = VendorErrors.ToException(error).Errors.ShouldHaveSingleItem();

        graphQLError.Extensions!["retryAfter"].ShouldBe(expected);
        graphQLError.Message.ShouldEndWith($"retry after {expected} s.");
        graphQLError.Code.ShouldBe("VENDOR_RATE_LIMITED");
    }

    [Fact]
    public void ToException_BadResponse_NamesTheStatusAndWhatWasWrong()
    {
        var error = new VendorError(VendorErrorKind.BadResponse, Vendor.NeetoPlaydash, "response larger than 16777216 bytes") { HttpStatus = 200 };

        var graphQLError = VendorErrors.ToException(error).Errors.ShouldHaveSingleItem();

        graphQLError.Message.ShouldBe("NeetoPlaydash sent a response the gateway could not read (HTTP 200): response larger than 16777216 bytes.");
        graphQLError.Code.ShouldBe("VENDOR_BAD_RESPONSE");
        graphQLError.Extensions!["status"].ShouldBe(200);
    }
}
