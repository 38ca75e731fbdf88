using System.Net;
using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Http;

/// <summary>vendor-mapping.md, "Errors the vendors send": each body and status becomes a typed error carrying vendor, status, code and message.</summary>
public sealed class VendorErrorBodyTests
{
    public static TheoryData<Vendor, int, string, VendorErrorKind, string?, string> Rows => new()
    {
        { Vendor.CcExtractor, 401, """{"code":"unauthorized","message":"Bearer token is missing, expired, or invalid.","details":{}}""", VendorErrorKind.Unauthorized, "unauthorized", "Bearer token is missing, expired, or invalid." },
        { Vendor.CcExtractor, 500, """{"code":"internal","message":"Boom.","details":{}}""", VendorErrorKind.Unavailable, "internal", "Boom." },
        { Vendor.CcExtractor, 418, """{"code":"teapot","message":"Short and stout.","details":{}}""", VendorErrorKind.BadResponse, "teapot", "unexpected HTTP 418" }, // a bad response is described by the gateway; the vendor code is kept
        { Vendor.NeetoPlaydash, 401, """{"error":"Could not authenticate the request."}""", VendorErrorKind.Unauthorized, null, "Could not authenticate the request." },
        { Vendor.NeetoPlaydash, 404, """{"error":"Run not found"}""", VendorErrorKind.NotFound, null, "Run not found" },
        { Vendor.TestVibe, 404, """{"error":"not_found","message":"No such run in this project."}""", VendorErrorKind.NotFound, "not_found", "No such run in this project." },
        { Vendor.TestVibe, 401, """{"error":"unauthorized"}""", VendorErrorKind.Unauthorized, "unauthorized", "unauthorized" },
        { Vendor.Crewship, 404, """{"error":{"message":"Run not found"}}""", VendorErrorKind.NotFound, null, "Run not found" },
        { Vendor.Crewship, 401, """{"error":{"code":"invalid_api_key","message":"Invalid API key","details":{}}}""", VendorErrorKind.Unauthorized, "invalid_api_key", "Invalid API key" },
        { Vendor.Crewship, 403, """{"error":{"message":"Forbidden"}}""", VendorErrorKind.Unauthorized, null, "Forbidden" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task GetRun_ErrorBody_BecomesTypedError(Vendor vendor, int status, string body, VendorErrorKind kind, string? code, string message)
    {
        var handler = StubHandler.Json(body, (HttpStatusCode)status);
        await using var harness = new VendorHarness(() => handler, settings: NoRetries);

        var error = (await harness.GetRunAsync(AnyRef(vendor))).Error!;

        error.Kind.ShouldBe(kind);
        error.Vendor.ShouldBe(vendor);
        error.HttpStatus.ShouldBe(status);
        error.VendorCode.ShouldBe(code);
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData(Vendor.CcExtractor)]
    [InlineData(Vendor.NeetoPlaydash)]
    [InlineData(Vendor.TestVibe)]
    [InlineData(Vendor.Crewship)]
    public async Task GetRun_ErrorBodyNotJson_IsStillTypedErrorWithStatus(Vendor vendor)
    {
        var handler = new StubHandler((_, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.Unauthorized, "<html>nope</html>", "text/html")));
        await using var harness = new VendorHarness(() => handler, settings: NoRetries);

        var error = (await harness.GetRunAsync(AnyRef(vendor))).Error!;

        error.Kind.ShouldBe(VendorErrorKind.Unauthorized);
        error.HttpStatus.ShouldBe(401);
        error.VendorCode.ShouldBeNull();
        error.Message.ShouldNotContain(VendorHarness.ApiKey);
        error.Message.ShouldNotContain(VendorHarness.CcExtractorToken);
    }

    [Theory]
    [InlineData(Vendor.CcExtractor, "this is not json")]
    [InlineData(Vendor.NeetoPlaydash, "[1,2,3]")]
    [InlineData(Vendor.TestVibe, """{"status": 42}""")]
    [InlineData(Vendor.Crewship, """{"status":"running","created_at":"yesterday"}""")]
    [InlineData(Vendor.Crewship, "")]
    [InlineData(Vendor.TestVibe, "null")]
    [InlineData(Vendor.CcExtractor, """{"run_id":1}""")]
    public async Task GetRun_Ok200WithWrongBody_IsBadResponseWith200(Vendor vendor, string body)
    {
        var handler = StubHandler.Json(body);
        await using var harness = new VendorHarness(() => handler, settings: NoRetries);

        var error = (await harness.GetRunAsync(AnyRef(vendor))).Error!;

        error.Kind.ShouldBe(VendorErrorKind.BadResponse);
        error.Vendor.ShouldBe(vendor);
        error.HttpStatus.ShouldBe(200);
    }

    [Fact]
    public async Task GetRun_UnknownFields_AreIgnored()
    {
        var handler = StubHandler.Json("""{"id":"run_1","status":"running","brand_new":{"nested":[1,2]},"another":true}""");
        await using var harness = new VendorHarness(() => handler);

        var run = (await harness.GetRunAsync(AnyRef(Vendor.Crewship))).Value;

        run.State.ShouldBe(RunState.Running);
    }

    [Fact]
    public async Task GetRun_RateLimitedBeyondCeiling_CarriesRetryAfterFromHeader()
    {
        var handler = new StubHandler((_, _) =>
        {
            var response = StubHandler.Response(HttpStatusCode.TooManyRequests, """{"code":"rate_limited","message":"Rate limit exceeded. Retry after 30 seconds.","details":{"retry_after":30}}""");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return Task.FromResult(response);
        });
        await using var harness = new VendorHarness(() => handler);

        var error = (await harness.GetRunAsync(AnyRef(Vendor.CcExtractor))).Error!;

        error.Kind.ShouldBe(VendorErrorKind.RateLimited);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        error.VendorCode.ShouldBe("rate_limited");
        handler.Count.ShouldBe(1);
    }

    internal static Dictionary<string, string?> NoRetries => new()
    {
        ["Vendors:CcExtractor:MaxRetries"] = "0",
        ["Vendors:NeetoPlaydash:MaxRetries"] = "0",
        ["Vendors:TestVibe:MaxRetries"] = "0",
        ["Vendors:Crewship:MaxRetries"] = "0",
    };

    internal static RunRef AnyRef(Vendor vendor) => vendor switch
    {
        Vendor.CcExtractor => VendorHarness.Ref(vendor, "42"),
        Vendor.NeetoPlaydash => VendorHarness.Ref(vendor, "kftwnab", "pdqmxlz"),
        Vendor.TestVibe => VendorHarness.Ref(vendor, "214", "acme"),
        _ => VendorHarness.Ref(vendor, "run_xyz789abc"),
    };
}
