using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class VendorSimulatorEndpointRouteBuilderExtensionsTests
{
    [Fact]
    public async Task Program_WithWebApplicationFactory_ServesEveryVendorWithDemoCredentials()
    {
        await using var factory = new WebApplicationFactory<VendorSimulatorMarker>();
        using var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var cc = new HttpRequestMessage(HttpMethod.Get, "/ccextractor/api/v1/runs/1");
        cc.Headers.Authorization = new("Bearer", SimulatorDefaults.CcExtractorToken);
        using var neeto = new HttpRequestMessage(HttpMethod.Get, "/neetoplaydash/api/external/v1/projects/pdqmxlz/runs/kftwnab");
        neeto.Headers.Add("X-Api-Key", SimulatorDefaults.NeetoPlaydashApiKey);
        using var tv = new HttpRequestMessage(HttpMethod.Get, "/testvibe/api/v1/ops/projects/acme-shop/runs/101");
        tv.Headers.Authorization = new("Bearer", SimulatorDefaults.TestVibeApiKey);
        using var crew = new HttpRequestMessage(HttpMethod.Get, "/crewship/v1/runs/run_xyz789abc");
        crew.Headers.Authorization = new("Bearer", SimulatorDefaults.CrewshipApiKey);

        foreach (var request in new[] { cc, neeto, tv, crew })
        {
            using var response = await client.SendAsync(request, ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, request.RequestUri!.ToString());
        }
    }

    [Fact]
    public async Task Hang_InTestServer_EndsWhenTheClientCancels()
    {
        await using var factory = new WebApplicationFactory<VendorSimulatorMarker>();
        using var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        using var fault = new StringContent("""{"vendor":"crewship","hang":true}""", System.Text.Encoding.UTF8, "application/json");
        (await client.PostAsync("/_simulator/faults", fault, ct)).EnsureSuccessStatusCode();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(200));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/crewship/v1/runs/run_xyz789abc");
        request.Headers.Authorization = new("Bearer", SimulatorDefaults.CrewshipApiKey);

        await Should.ThrowAsync<OperationCanceledException>(() => client.SendAsync(request, timeout.Token));

        var drained = await Eventually.WaitUntilAsync(
            async () => System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/_simulator/stats", ct))!["crewship"]!["inFlight"]!.GetValue<long>() == 0,
            TimeSpan.FromSeconds(10));
        drained.ShouldBeTrue();
    }

    [Fact]
    public async Task MapVendorSimulator_WithPathPrefix_ServesUnderThePrefixOnly()
    {
        await using var host = await SimulatorHost.StartAsync(pathPrefix: "/vendors");

        using var prefixed = await host.GetCcExtractorAsync("runs/1");
        using var root = await host.Client.GetAsync(new Uri(host.BaseAddress, "/ccextractor/api/v1/runs/1"), TestContext.Current.CancellationToken);
        using var admin = await host.Client.GetAsync("_simulator/stats", TestContext.Current.CancellationToken);

        prefixed.StatusCode.ShouldBe(HttpStatusCode.OK);
        root.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
        host.BaseAddress.AbsolutePath.ShouldBe("/vendors/");
    }

    [Theory]
    [InlineData("Simulator:ClockSpeed", "0")]
    [InlineData("Simulator:TestVibe:ApiKey", " ")]
    [InlineData("Simulator:CcExtractor:Fault:Rate", "2")]
    public async Task Start_InvalidConfiguration_FailsNamingTheKey(string key, string value)
    {
        var exception = await Should.ThrowAsync<OptionsValidationException>(
            () => SimulatorHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        exception.Message.ShouldContain(key.Replace(":Rate", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunsCatalogue_Filters_ByVendorAndStatus()
    {
        await using var host = await SimulatorHost.StartAsync();

        var all = await host.RunsAsync();
        var failed = await host.RunsAsync("crewship", "failed");
        using var bad = await host.Client.GetAsync("_simulator/runs?vendor=jenkins", TestContext.Current.CancellationToken);

        all.Count.ShouldBe(300 + 240 + 300 + 300);
        all.ShouldAllBe(r => r!["vendor"]!.GetValue<string>() == "crewship" || r["vendor"]!.GetValue<string>() == "ccextractor"
            ? r["project"] == null
            : r["project"] != null);
        failed.ShouldNotBeEmpty();
        failed.ShouldAllBe(r => r!["vendor"]!.GetValue<string>() == "crewship" && r["status"]!.GetValue<string>() == "failed");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
