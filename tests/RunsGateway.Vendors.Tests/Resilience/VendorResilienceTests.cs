using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Resilience;

/// <summary>Resilience against the simulator's fault knobs, with time driven by a manual clock (no real sleeps).</summary>
public sealed class VendorResilienceTests
{

    [Fact]
    public async Task GetRun_429WithinCeiling_WaitsExactlyRetryAfterThenSucceeds()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Vendors:CcExtractor:RetryAfterCeiling"] = "00:00:05" });
        var runRef = (await host.RunsAsync(Vendor.CcExtractor))[0].Ref;
        await host.SetFaultAsync(new { vendor = "ccextractor", status = 429, retryAfterSeconds = 2, rate = 1.0 });

        var call = host.Vendors.GetRunAsync(runRef);
        await host.Time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(2));

        call.IsCompleted.ShouldBeFalse();
        (await host.StatsAsync(Vendor.CcExtractor))["total"].ShouldBe(1);
        await host.ClearFaultsAsync();
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var result = await call;

        result.IsSuccess.ShouldBeTrue();
        result.Value.Ref.ShouldBe(runRef);
        (await host.StatsAsync(Vendor.CcExtractor))["total"].ShouldBe(2);
    }

    [Fact]
    public async Task GetRun_429BeyondCeiling_FailsFastAsRateLimitedWithRetryAfter()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Vendors:TestVibe:RetryAfterCeiling"] = "00:00:05" });
        var runRef = (await host.RunsAsync(Vendor.TestVibe))[0].Ref;
        await host.SetFaultAsync(new { vendor = "testvibe", status = 429, retryAfterSeconds = 30 });

        // The clock never moves: a call that waited for Retry-After could not complete.
        var result = await host.Vendors.GetRunAsync(runRef);

        result.Error!.Kind.ShouldBe(VendorErrorKind.RateLimited);
        result.Error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        result.Error.HttpStatus.ShouldBe(429);
        result.Error.Vendor.ShouldBe(Vendor.TestVibe);
        (await host.StatsAsync(Vendor.TestVibe))["total"].ShouldBe(1);
    }

    [Fact]
    public async Task GetRun_Persistent5xx_RetriedWithBackoffThenUnavailable()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?>
        {
            ["Vendors:Crewship:MaxRetries"] = "2",
            ["Vendors:Crewship:RetryBaseDelay"] = "00:00:00.200",
            ["Vendors:Crewship:Timeout"] = "00:05:00",
        });
        var runRef = (await host.RunsAsync(Vendor.Crewship))[0].Ref;
        await host.SetFaultAsync(new { vendor = "crewship", status = 503 });
        var delays = new List<TimeSpan>();

        var result = await host.DriveAsync(host.Vendors.GetRunAsync(runRef), TimeSpan.FromMinutes(1), delays);

        result.Error!.Kind.ShouldBe(VendorErrorKind.Unavailable);
        result.Error.HttpStatus.ShouldBe(503);
        (await host.StatsAsync(Vendor.Crewship))["total"].ShouldBe(3);
        delays.Count.ShouldBe(2);
        delays.ShouldAllBe(d => d > TimeSpan.Zero && d < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetRun_TransientServerError_RetriedToSuccess()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Vendors:NeetoPlaydash:Timeout"] = "00:05:00" });
        var runRef = (await host.RunsAsync(Vendor.NeetoPlaydash))[0].Ref;
        await host.SetFaultAsync(new { vendor = "neetoplaydash", status = 500 });

        var call = host.Vendors.GetRunAsync(runRef);
        await host.Time.WaitForTimerAsync(due => due < TimeSpan.FromMinutes(1));
        await host.ClearFaultsAsync();
        var result = await host.DriveAsync(call, TimeSpan.FromMinutes(1));

        result.IsSuccess.ShouldBeTrue();
        (await host.StatsAsync(Vendor.NeetoPlaydash))["total"].ShouldBe(2);
    }

    [Fact]
    public async Task GetRun_Hang_TimesOutAsUnavailableWithoutRetry()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Vendors:CcExtractor:Timeout"] = "00:00:03" });
        var runRef = (await host.RunsAsync(Vendor.CcExtractor))[0].Ref;
        await host.SetFaultAsync(new { vendor = "ccextractor", hang = true });

        var call = host.Vendors.GetRunAsync(runRef);
        await host.Time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(3));
        call.IsCompleted.ShouldBeFalse();
        host.Time.Advance(TimeSpan.FromSeconds(3));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(VendorErrorKind.Unavailable);
        result.Error.HttpStatus.ShouldBeNull();
        result.Error.Message.ShouldContain("in time");
        (await host.StatsAsync(Vendor.CcExtractor))["total"].ShouldBe(1);
    }

    [Fact]
    public async Task GetRun_RepeatedFailures_CircuitOpensThenClosesAfterBreak()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?>
        {
            ["Vendors:Crewship:MaxRetries"] = "0",
            ["Vendors:Crewship:CircuitBreakerMinimumThroughput"] = "4",
            ["Vendors:Crewship:CircuitBreakerFailureRatio"] = "0.5",
            ["Vendors:Crewship:CircuitBreakerBreakDuration"] = "00:00:05",
        });
        var runRef = (await host.RunsAsync(Vendor.Crewship))[0].Ref;
        await host.SetFaultAsync(new { vendor = "crewship", status = 500 });
        for (var i = 0; i < 4; i++)
        {
            (await host.Vendors.GetRunAsync(runRef)).Error!.HttpStatus.ShouldBe(500);
        }

        var whileOpen = await host.Vendors.GetRunAsync(runRef);

        whileOpen.Error!.Kind.ShouldBe(VendorErrorKind.Unavailable);
        whileOpen.Error.HttpStatus.ShouldBeNull();
        whileOpen.Error.Message.ShouldContain("circuit open");
        (await host.StatsAsync(Vendor.Crewship))["total"].ShouldBe(4);

        await host.ClearFaultsAsync();
        host.Time.Advance(TimeSpan.FromSeconds(5));
        var probe = await host.Vendors.GetRunAsync(runRef);
        var afterClose = await host.Vendors.GetRunAsync(runRef);

        probe.IsSuccess.ShouldBeTrue();
        afterClose.IsSuccess.ShouldBeTrue();
        (await host.StatsAsync(Vendor.Crewship))["total"].ShouldBe(6);
    }

    [Fact]
    public async Task GetRuns_200ConcurrentCalls_NeverExceedTheVendorConcurrencyLimit()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Vendors:TestVibe:MaxConcurrentRequests"] = "8" });
        var refs = (await host.RunsAsync(Vendor.TestVibe)).Select(r => r.Ref).ToArray();
        await host.SetFaultAsync(new { vendor = "testvibe", status = 0, latencyMs = 10 });
        await host.ResetStatsAsync();

        var calls = Enumerable.Range(0, 200).Select(i => Task.Run(() => host.Vendors.GetRunAsync(refs[i % refs.Length]))).ToArray();
        var results = await Task.WhenAll(calls);

        results.ShouldAllBe(r => r.IsSuccess);
        var stats = await host.StatsAsync(Vendor.TestVibe);
        stats["total"].ShouldBe(200);
        stats["maxConcurrent"].ShouldBeLessThanOrEqualTo(8);
        stats["maxConcurrent"].ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task GetRun_MalformedBody_IsBadResponseWithStatus()
    {
        await using var host = await SimulatorHost.StartAsync();
        var runRef = (await host.RunsAsync(Vendor.NeetoPlaydash))[0].Ref;
        await host.SetFaultAsync(new { vendor = "neetoplaydash", malformed = true });

        var result = await host.Vendors.GetRunAsync(runRef);

        result.Error!.Kind.ShouldBe(VendorErrorKind.BadResponse);
        result.Error.HttpStatus.ShouldBe(200);
        result.Error.Vendor.ShouldBe(Vendor.NeetoPlaydash);
    }

    [Fact]
    public async Task GetRun_WrongCredential_IsUnauthorizedAndNeverEchoesIt()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Vendors:Crewship:ApiKey"] = "wrong-secret-key" });
        var runRef = (await host.RunsAsync(Vendor.Crewship))[0].Ref;

        var error = (await host.Vendors.GetRunAsync(runRef)).Error!;

        error.Kind.ShouldBe(VendorErrorKind.Unauthorized);
        error.HttpStatus.ShouldBe(401);
        error.ToString().ShouldNotContain("wrong-secret-key");
    }
}
