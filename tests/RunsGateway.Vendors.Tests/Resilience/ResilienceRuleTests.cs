using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.Core;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Resilience;

/// <summary>The project's resilience rules that differ from the standard handler's defaults, on a manual clock.</summary>
public sealed class ResilienceRuleTests
{
    [Fact]
    public async Task Send_Post5xx_IsNotRetried()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.ServiceUnavailable, "{}")));
        await using var harness = new VendorHarness(() => handler, timeProvider: new ManualTimeProvider(), settings: new Dictionary<string, string?> { ["Vendors:Crewship:RetryBaseDelay"] = "00:00:00" });
        var http = harness.Services.GetRequiredService<IHttpClientFactory>().CreateClient(CrewshipSource.HttpClientName);

        using var response = await http.PostAsync(new Uri("crewship/v1/runs", UriKind.Relative), new StringContent("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        handler.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetRun_Repeated429_NeverOpensTheCircuit()
    {
        var handler = new StubHandler((_, _) =>
        {
            var response = StubHandler.Response(HttpStatusCode.TooManyRequests, """{"error":{"message":"slow down"}}""");
            response.Headers.Add("Retry-After", "60");
            return Task.FromResult(response);
        });
        await using var harness = new VendorHarness(() => handler, timeProvider: new ManualTimeProvider(), settings: new Dictionary<string, string?>
        {
            ["Vendors:Crewship:MaxRetries"] = "0",
            ["Vendors:Crewship:CircuitBreakerMinimumThroughput"] = "2",
            ["Vendors:Crewship:CircuitBreakerFailureRatio"] = "0.5",
        });

        var results = new List<Result<Run>>();
        for (var i = 0; i < 6; i++)
        {
            results.Add(await harness.GetRunAsync(VendorHarness.Ref(Vendor.Crewship, "run_1")));
        }

        results.ShouldAllBe(r => r.Error!.Kind == VendorErrorKind.RateLimited && r.Error.HttpStatus == 429);
        handler.Count.ShouldBe(6);
    }

    [Fact]
    public async Task GetRun_StalledBody_TimesOutInsideTheAttempt()
    {
        var time = new ManualTimeProvider();
        var handler = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) }));
        await using var harness = new VendorHarness(() => handler, timeProvider: time, settings: new Dictionary<string, string?> { ["Vendors:TestVibe:Timeout"] = "00:00:03" });

        var call = harness.GetRunAsync(VendorHarness.Ref(Vendor.TestVibe, "5", "acme"));
        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(3));
        call.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(VendorErrorKind.Unavailable);
        result.Error.Message.ShouldContain("in time");
        handler.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetRuns_RetryBackoff_DoesNotHoldTheConcurrencySlot()
    {
        var time = new ManualTimeProvider();
        var failedOnce = 0;
        var handler = new StubHandler((request, _) => Task.FromResult(
            request.RequestUri!.AbsolutePath.EndsWith("/a", StringComparison.Ordinal) && Interlocked.Exchange(ref failedOnce, 1) == 0
                ? StubHandler.Response(HttpStatusCode.ServiceUnavailable, "{}")
                : StubHandler.Response(HttpStatusCode.OK, """{"status":"running"}""")));
        await using var harness = new VendorHarness(() => handler, timeProvider: time, settings: new Dictionary<string, string?>
        {
            ["Vendors:Crewship:MaxConcurrentRequests"] = "1",
            ["Vendors:Crewship:MaxRetries"] = "1",
            ["Vendors:Crewship:RetryBaseDelay"] = "00:00:10",
        });

        var first = harness.GetRunAsync(VendorHarness.Ref(Vendor.Crewship, "a"));
        await time.WaitForTimerAsync(due => due > TimeSpan.FromSeconds(1) && due < TimeSpan.FromMinutes(1));
        var second = await harness.GetRunAsync(VendorHarness.Ref(Vendor.Crewship, "b")).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        second.IsSuccess.ShouldBeTrue();
        first.IsCompleted.ShouldBeFalse();
        time.Advance(time.PendingTimers().First(d => d > TimeSpan.FromSeconds(1)));
        (await first.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).IsSuccess.ShouldBeTrue();
        handler.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetRun_NoBaseUrl_IsNotConfiguredWithoutARequest()
    {
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler, settings: new Dictionary<string, string?> { ["Vendors:Crewship:BaseUrl"] = "" });

        var result = await harness.GetRunAsync(VendorHarness.Ref(Vendor.Crewship, "run_1"));

        result.Error!.Kind.ShouldBe(VendorErrorKind.NotConfigured);
        handler.Count.ShouldBe(0);
    }

    /// <summary>A body that never delivers a byte until cancelled.</summary>
    private sealed class StalledStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
