using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Resilience;

/// <summary>The client-side request budget (<c>RequestsPerMinute</c>) and the vendor's <c>X-RateLimit-*</c> headers.</summary>
public sealed class RequestBudgetTests
{
    private static readonly RunRef CrewshipRun = VendorHarness.Ref(Vendor.Crewship, "run_1");

    [Fact]
    public async Task GetRun_BudgetSpentAndResetFar_FailsAtOnceWithoutSending()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler, timeProvider: time, settings: Settings(("RequestsPerMinute", "2"), ("RetryAfterCeiling", "00:00:05")));

        (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();
        (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();
        var refused = await harness.GetRunAsync(CrewshipRun);

        refused.Error!.Kind.ShouldBe(VendorErrorKind.RateLimited);
        refused.Error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        refused.Error.HttpStatus.ShouldBeNull();
        handler.Count.ShouldBe(2);

        time.Advance(TimeSpan.FromSeconds(30));
        (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();
        handler.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetRun_BudgetSpentAndResetNear_WaitsThenSends()
    {
        var time = new ManualTimeProvider();
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler, timeProvider: time, settings: Settings(("RequestsPerMinute", "60"), ("RetryAfterCeiling", "00:00:05")));
        for (var i = 0; i < 60; i++)
        {
            (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();
        }

        var call = harness.GetRunAsync(CrewshipRun);
        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
        call.IsCompleted.ShouldBeFalse();
        handler.Count.ShouldBe(60);
        time.Advance(TimeSpan.FromSeconds(1));

        (await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).IsSuccess.ShouldBeTrue();
        handler.Count.ShouldBe(61);
    }

    [Fact]
    public async Task GetRun_VendorSaysNoneRemainingUntilFarReset_FailsAtOnceWithoutSending()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var handler = new StubHandler((_, _) => Task.FromResult(WithLimitHeaders(StubHandler.Response(HttpStatusCode.OK, """{"status":"running"}"""), time, remaining: 0, resetIn: 120)));
        await using var harness = new VendorHarness(() => handler, timeProvider: time);

        (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();
        var refused = await harness.GetRunAsync(CrewshipRun);

        refused.Error!.Kind.ShouldBe(VendorErrorKind.RateLimited);
        refused.Error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
        handler.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetRun_VendorSaysNoneRemainingUntilNearReset_WaitsForTheReset()
    {
        var time = new ManualTimeProvider();
        var handler = new StubHandler((_, _) => Task.FromResult(WithLimitHeaders(StubHandler.Response(HttpStatusCode.OK, """{"status":"running"}"""), time, remaining: 0, resetIn: 2)));
        await using var harness = new VendorHarness(() => handler, timeProvider: time);
        (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();

        var call = harness.GetRunAsync(CrewshipRun);
        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(2));
        handler.Count.ShouldBe(1);
        time.Advance(TimeSpan.FromSeconds(2));

        (await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).IsSuccess.ShouldBeTrue();
        handler.Count.ShouldBe(2);
    }

    [Fact]
    public async Task BudgetMetric_AfterCalls_ReportsTheRemainingBudgetPerVendor()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler, timeProvider: time, settings: Settings(("RequestsPerMinute", "5")));
        (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();
        (await harness.GetRunAsync(CrewshipRun)).IsSuccess.ShouldBeTrue();
        var seen = new List<(long Value, string? Vendor)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "runsgateway.vendor.budget.remaining" && instrument.Meter.Name == "RunsGateway.Vendors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (seen)
            {
                seen.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "vendor").Value as string));
            }
        });
        listener.Start();

        listener.RecordObservableInstruments();

        seen.ShouldContain((3L, "crewship"));
    }

    [Fact]
    public async Task GetRun_SimulatorRateLimit_StaysUnderTheVendorsBudget()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Vendors:CcExtractor:RetryAfterCeiling"] = "00:00:05" });
        var runRef = (await host.RunsAsync(Vendor.CcExtractor))[0].Ref;
        await host.SetFaultAsync(new { vendor = "ccextractor", requestsPerMinute = 2 });
        await host.ResetStatsAsync();

        var first = await host.Vendors.GetRunAsync(runRef);
        var second = await host.Vendors.GetRunAsync(runRef);
        var third = await host.Vendors.GetRunAsync(runRef);

        first.IsSuccess.ShouldBeTrue();
        second.IsSuccess.ShouldBeTrue();
        third.Error!.Kind.ShouldBe(VendorErrorKind.RateLimited);
        third.Error.HttpStatus.ShouldBeNull();
        third.Error.RetryAfter!.Value.ShouldBeInRange(TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(61));
        (await host.StatsAsync(Vendor.CcExtractor))["total"].ShouldBe(2);
    }

    [Fact]
    public async Task SimulatorRateLimit_OverTheLimit_Answers429WithTheDocumentedHeaders()
    {
        await using var host = await SimulatorHost.StartAsync();
        await host.SetFaultAsync(new { vendor = "ccextractor", requestsPerMinute = 1 });

        using var allowed = await host.GetVendorAsync("/ccextractor/api/v1/runs/1", "Bearer " + RunsGateway.VendorSimulator.SimulatorDefaults.CcExtractorToken);
        using var refused = await host.GetVendorAsync("/ccextractor/api/v1/runs/1", "Bearer " + RunsGateway.VendorSimulator.SimulatorDefaults.CcExtractorToken);

        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        allowed.Headers.GetValues("X-RateLimit-Limit").Single().ShouldBe("1");
        allowed.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("0");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("0");
        var reset = long.Parse(refused.Headers.GetValues("X-RateLimit-Reset").Single(), CultureInfo.InvariantCulture);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        (DateTimeOffset.FromUnixTimeSeconds(reset) - refused.Headers.Date!.Value).ShouldBeInRange(retryAfter - TimeSpan.FromSeconds(1), retryAfter + TimeSpan.FromSeconds(1));
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("rate_limited");
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] crewship) =>
        crewship.ToDictionary(s => "Vendors:Crewship:" + s.Key, s => (string?)s.Value);

    private static HttpResponseMessage WithLimitHeaders(HttpResponseMessage response, TimeProvider time, int remaining, int resetIn)
    {
        var now = time.GetUtcNow();
        response.Headers.Date = now;
        response.Headers.Add("X-RateLimit-Limit", "100");
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset", now.AddSeconds(resetIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return response;
    }
}
