using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Http;

/// <summary>The holes found with a hostile vendor, each reproduced against a real Kestrel fake on loopback.</summary>
public sealed class HostileVendorTests
{
    private const string FinishedCcRun = """{"run_id":1,"status":"pass","completed_at":"2026-11-01T00:00:00Z"}""";

    [Fact]
    public async Task GetRun_RedirectToAnotherHost_IsBadResponseAndTheCredentialNeverLeaves()
    {
        await using var elsewhere = await FakeVendor.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"run_id":"r","status":"passed","is_running":false}""");
        });
        await using var vendor = await FakeVendor.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = elsewhere.BaseUrl + "/steal";
            return Task.CompletedTask;
        });
        await using var services = vendor.Vendors();

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p")], TestContext.Current.CancellationToken))[0];

        result.Error!.Kind.ShouldBe(VendorErrorKind.BadResponse);
        result.Error.HttpStatus.ShouldBe(302);
        result.Error.Message.ShouldContain("redirect");
        vendor.Requests.Count.ShouldBe(1);
        elsewhere.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetRun_40MegabyteBody_IsBadResponseAndTheConnectionIsDropped()
    {
        var aborted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var vendor = await FakeVendor.StartAsync(async context =>
        {
            // Chunked (no Content-Length), so the limit must be enforced while reading. After 17 MiB (past the limit) the vendor
            // pauses until the client hangs up, so kernel buffers cannot hide whether the connection was dropped; then the rest.
            context.Response.ContentType = "application/json";
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            try
            {
                for (var i = 0; i < 40 * 1024 * 1024 / chunk.Length && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    if (i == 17 * 16)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                    }

                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The client hung up mid-body.
            }

            aborted.TrySetResult(context.RequestAborted.IsCancellationRequested);
        });
        await using var services = vendor.Vendors();

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "1")], TestContext.Current.CancellationToken))[0];

        result.Error!.Kind.ShouldBe(VendorErrorKind.BadResponse);
        result.Error.HttpStatus.ShouldBe(200);
        result.Error.Message.ShouldContain("larger than 16777216 bytes");
        (await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).ShouldBeTrue();
        vendor.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetRun_DeclaredLengthOverTheLimit_IsRefusedBeforeReading()
    {
        await using var vendor = await FakeVendor.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 4096;
            await context.Response.WriteAsync(new string(' ', 4096));
        });
        await using var services = vendor.Vendors(settings: new Dictionary<string, string?> { ["Vendors:Crewship:MaxResponseBytes"] = "2048" });

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.Crewship, "run_1")], TestContext.Current.CancellationToken))[0];

        result.Error!.Kind.ShouldBe(VendorErrorKind.BadResponse);
        result.Error.Message.ShouldContain("larger than 2048 bytes");
    }

    [Fact]
    public async Task GetRun_BodyJustUnderTheLimit_IsRead()
    {
        var padded = FinishedCcRun.TrimEnd('}') + ",\"pad\":\"" + new string('x', 1500) + "\"}";
        await using var vendor = await FakeVendor.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(padded[..100]);
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(padded[100..]);
        });
        await using var services = vendor.Vendors(settings: new Dictionary<string, string?> { ["Vendors:CcExtractor:MaxResponseBytes"] = (padded.Length + 1).ToString(CultureInfo.InvariantCulture) });

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "1")], TestContext.Current.CancellationToken))[0];

        result.Value.RawStatus.ShouldBe("pass");
    }

    [Fact]
    public async Task GetRun_RetryAfterFarInTheFuture_IsRateLimitedWithTheClampedWait()
    {
        await using var vendor = await FakeVendor.StartAsync(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "Wed, 21 Oct 2099 07:28:00 GMT";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code":"rate_limited","message":"Slow down.","details":{}}""");
        });
        await using var services = vendor.Vendors(new ManualTimeProvider());

        var result = (await services.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "1")], TestContext.Current.CancellationToken))[0];

        result.Error!.Kind.ShouldBe(VendorErrorKind.RateLimited);
        result.Error.RetryAfter.ShouldBe(TimeSpan.FromDays(1));
        vendor.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetRun_VendorBudgetSpent_NextCallFailsWithoutReachingTheVendor()
    {
        await using var vendor = await FakeVendor.StartAsync(async context =>
        {
            // Kestrel sends the Date; the reset is two minutes after it on the vendor's clock.
            var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
            context.Response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Limit"] = "60";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = now.AddSeconds(120).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(FinishedCcRun);
        });
        await using var services = vendor.Vendors();
        var source = services.GetRequiredService<IRunSource>();

        var first = (await source.GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "1")], TestContext.Current.CancellationToken))[0];
        var second = (await source.GetRunsAsync([VendorHarness.Ref(Vendor.CcExtractor, "2")], TestContext.Current.CancellationToken))[0];

        first.IsSuccess.ShouldBeTrue();
        second.Error!.Kind.ShouldBe(VendorErrorKind.RateLimited);
        second.Error.RetryAfter!.Value.ShouldBeInRange(TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(120));
        vendor.Requests.Count.ShouldBe(1);
    }
}
