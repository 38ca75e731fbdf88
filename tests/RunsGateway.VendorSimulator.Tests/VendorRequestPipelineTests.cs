using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class VendorRequestPipelineTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Fault_Forced429_SendsRetryAfterAndRateLimitHeaders()
    {
        await _host.SetFaultAsync("""{"vendor":"ccextractor","status":429,"retryAfterSeconds":2,"rate":1.0,"latencyMs":0}""");

        using var response = await _host.GetCcExtractorAsync("runs/1");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
        response.Headers.GetValues("X-RateLimit-Limit").Single().ShouldBe("120");
        response.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("0");
        long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        var body = await response.JsonObjectAsync();
        body["code"]!.GetValue<string>().ShouldBe("rate_limited");
        body["details"]!["retry_after"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Fault_429WithoutRetryAfter_DefaultsToOneSecondForEveryVendor()
    {
        await _host.SetFaultAsync("""{"vendor":"all","status":429}""");

        using var neeto = await _host.GetNeetoPlaydashAsync("projects/pdqmxlz/runs/kftwnab");
        using var testVibe = await _host.GetTestVibeAsync("projects/acme-shop/runs/101");
        using var crewship = await _host.GetCrewshipAsync("runs/run_xyz789abc");

        foreach (var response in new[] { neeto, testVibe, crewship })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            response.Headers.Contains("X-RateLimit-Limit").ShouldBeFalse();
        }

        (await testVibe.JsonObjectAsync())["error"]!.GetValue<string>().ShouldBe("rate_limited");
    }

    [Theory]
    [InlineData("ccextractor", "ccextractor/api/v1/runs/1")]
    [InlineData("neetoplaydash", "neetoplaydash/api/external/v1/projects/pdqmxlz/runs/kftwnab")]
    [InlineData("testvibe", "testvibe/api/v1/ops/projects/acme-shop/runs/101")]
    [InlineData("crewship", "crewship/v1/runs/run_xyz789abc")]
    public async Task Fault_Status503_ReturnsTheVendorsDefaultErrorBody(string vendor, string path)
    {
        await _host.SetFaultAsync($$"""{"vendor":"{{vendor}}","status":503}""");

        using var response = await _host.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await response.JsonObjectAsync();
        body.ContainsKey(vendor == "ccextractor" ? "code" : "error").ShouldBeTrue();
    }

    [Fact]
    public async Task Fault_AppliesBeforeAuth_AndOnlyToItsVendor()
    {
        await _host.SetFaultAsync("""{"vendor":"testvibe","status":500}""");

        using var faulty = await _host.GetAsync("testvibe/api/v1/ops/projects/acme-shop/runs/101");
        using var other = await _host.GetCrewshipAsync("runs/run_xyz789abc");

        faulty.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await faulty.JsonObjectAsync())["error"]!.GetValue<string>().ShouldBe("internal_error");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fault_Malformed_SendsABodyThatIsNotJson()
    {
        await _host.SetFaultAsync("""{"vendor":"crewship","malformed":true}""");

        using var response = await _host.GetCrewshipAsync("runs/run_xyz789abc");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.TextAsync();
        Should.Throw<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Fault_MalformedWithStatus_UsesThatStatus()
    {
        await _host.SetFaultAsync("""{"vendor":"ccextractor","status":502,"malformed":true}""");

        using var response = await _host.GetCcExtractorAsync("runs/1");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var text = await response.TextAsync();
        Should.Throw<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Fault_LatencyOnly_SlowsButAnswersNormally()
    {
        await _host.SetFaultAsync("""{"vendor":"ccextractor","status":0,"latencyMs":300}""");
        var stopwatch = Stopwatch.StartNew();

        using var response = await _host.GetCcExtractorAsync("runs/1");

        stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fault_RateZero_NeverTriggers()
    {
        await _host.SetFaultAsync("""{"vendor":"ccextractor","status":500,"rate":0}""");

        for (var i = 0; i < 20; i++)
        {
            using var response = await _host.GetCcExtractorAsync("runs/1");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Fault_RateHalf_TriggersOnSomeRequestsOnly()
    {
        await _host.SetFaultAsync("""{"vendor":"ccextractor","status":500,"rate":0.5}""");
        var failures = 0;

        for (var i = 0; i < 100; i++)
        {
            using var response = await _host.GetCcExtractorAsync("runs/1");
            failures += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        failures.ShouldBeInRange(25, 75);
    }

    [Fact]
    public async Task Fault_Hang_NeverAnswersUntilTheClientGivesUp()
    {
        await _host.SetFaultAsync("""{"vendor":"crewship","hang":true}""");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => _host.Client.GetAsync("crewship/v1/runs/run_xyz789abc", timeout.Token));

        // The abandoned request leaves the server's in-flight count once the abort reaches it.
        var drained = await Eventually.WaitUntilAsync(
            async () => (await _host.StatsAsync())["crewship"]!["inFlight"]!.GetValue<long>() == 0, TimeSpan.FromSeconds(10));

        drained.ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteFaults_ClearsEveryFault()
    {
        await _host.SetFaultAsync("""{"vendor":"all","status":500}""");

        using var delete = await _host.Client.DeleteAsync("_simulator/faults", TestContext.Current.CancellationToken);
        using var response = await _host.GetCcExtractorAsync("runs/1");

        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var faults = JsonDocument.Parse(await _host.Client.GetStringAsync("_simulator/faults", TestContext.Current.CancellationToken)).RootElement;
        faults.EnumerateObject().ShouldAllBe(p => p.Value.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task DeleteFaults_WithVendor_ClearsOnlyThatVendor()
    {
        await _host.SetFaultAsync("""{"vendor":"all","status":500}""");

        using var delete = await _host.Client.DeleteAsync("_simulator/faults?vendor=crewship", TestContext.Current.CancellationToken);
        using var crewship = await _host.GetCrewshipAsync("runs/run_xyz789abc");
        using var cc = await _host.GetCcExtractorAsync("runs/1");

        crewship.StatusCode.ShouldBe(HttpStatusCode.OK);
        cc.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Theory]
    [InlineData("""{"status":500}""")]
    [InlineData("""{"vendor":"jenkins","status":500}""")]
    [InlineData("""{"vendor":"ccextractor","status":42}""")]
    [InlineData("""{"vendor":"ccextractor","rate":1.5}""")]
    [InlineData("""{"vendor":"ccextractor","latencyMs":-1}""")]
    [InlineData("""not json""")]
    public async Task PostFaults_InvalidBody_Returns400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _host.Client.PostAsync("_simulator/faults", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonObjectAsync())["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Fault_FromConfiguration_IsActiveFromStartUp()
    {
        await using var host = await SimulatorHost.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator:TestVibe:Fault:Status"] = "503",
            ["Simulator:TestVibe:Fault:RetryAfterSeconds"] = "7",
        });

        using var response = await host.GetTestVibeAsync("projects/acme-shop/runs/101");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
    }
}
