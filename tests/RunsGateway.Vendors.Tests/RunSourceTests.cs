using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests;

public sealed class RunSourceTests
{
    [Fact]
    public async Task GetRunsAsync_MixedVendorsAndDuplicates_OneResultPerKeyInOrderAndOneCallPerDistinctRun()
    {
        var handler = new StubHandler((request, _) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            return Task.FromResult(path switch
            {
                "/ccextractor/api/v1/runs/1" => StubHandler.Response(HttpStatusCode.OK, """{"run_id":1,"status":"running"}"""),
                "/crewship/v1/runs/run_a" => StubHandler.Response(HttpStatusCode.OK, """{"id":"run_a","status":"succeeded"}"""),
                _ => StubHandler.Response(HttpStatusCode.NotFound, """{"error":{"message":"Run not found"}}"""),
            });
        });
        await using var harness = new VendorHarness(() => handler);
        RunRef[] refs =
        [
            VendorHarness.Ref(Vendor.CcExtractor, "1"),
            VendorHarness.Ref(Vendor.Crewship, "run_a"),
            VendorHarness.Ref(Vendor.CcExtractor, "001"),
            VendorHarness.Ref(Vendor.Crewship, "run_missing"),
            VendorHarness.Ref(Vendor.Crewship, "run_a"),
        ];

        var results = await harness.Source.GetRunsAsync(refs, TestContext.Current.CancellationToken);

        results.Count.ShouldBe(5);
        results[0].Value.Ref.ShouldBe(refs[0]);
        results[1].Value.Result.ShouldBe(RunResult.Passed);
        results[2].Value.ShouldBeSameAs(results[0].Value);
        results[3].Error!.Kind.ShouldBe(VendorErrorKind.NotFound);
        results[4].Value.ShouldBeSameAs(results[1].Value);
        handler.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetRunsAsync_VendorWithoutBaseUrl_IsNotConfiguredWithoutAnyCall()
    {
        var handler = StubHandler.Json("""{"status":"running"}""");
        await using var harness = new VendorHarness(() => handler, settings: new Dictionary<string, string?> { ["Vendors:Crewship:BaseUrl"] = "" });

        var result = await harness.GetRunAsync(VendorHarness.Ref(Vendor.Crewship, "run_a"));

        result.Error!.Kind.ShouldBe(VendorErrorKind.NotConfigured);
        result.Error.Message.ShouldContain("Vendors:Crewship:BaseUrl");
        handler.Count.ShouldBe(0);
        harness.Services.GetRequiredService<IVendorCatalog>().IsConfigured(Vendor.Crewship).ShouldBeFalse();
        harness.Services.GetRequiredService<IVendorCatalog>().IsConfigured(Vendor.TestVibe).ShouldBeTrue();
    }

    [Fact]
    public async Task GetSummariesAsync_CcExtractor_CallsSummaryEndpointOnlyThenAndFollowsRunFinished()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(request.RequestUri!.AbsolutePath.EndsWith("/summary", StringComparison.Ordinal)
            ? StubHandler.Response(HttpStatusCode.OK, """{"run_id":3,"total_samples":10,"pass_count":8,"fail_count":2,"missing_output_count":1}""")
            : StubHandler.Response(HttpStatusCode.OK, """{"run_id":3,"status":"fail","completed_at":"2026-06-01T00:00:00Z"}""")));
        await using var harness = new VendorHarness(() => handler);
        var run = (await harness.GetRunAsync(VendorHarness.Ref(Vendor.CcExtractor, "3"))).Value;
        handler.Count.ShouldBe(1);

        var summaries = await harness.Source.GetSummariesAsync([run, run], TestContext.Current.CancellationToken);

        summaries[0].Value!.Failed.ShouldBe(2);
        summaries[0].Value!.MissingOutput.ShouldBe(1);
        summaries[0].Value!.IsFinal.ShouldBeTrue();
        summaries[1].Value.ShouldBeSameAs(summaries[0].Value);
        handler.Requests.Select(r => r.RequestUri!.AbsolutePath).ShouldBe(["/ccextractor/api/v1/runs/3", "/ccextractor/api/v1/runs/3/summary"]);
    }

    [Fact]
    public async Task GetSummariesAsync_VendorsWithSummaryInRun_CostNoCall()
    {
        var handler = StubHandler.Json("""{"status":"succeeded","completed_at":"2026-06-01T00:00:00Z"}""");
        await using var harness = new VendorHarness(() => handler);
        var run = (await harness.GetRunAsync(VendorHarness.Ref(Vendor.Crewship, "run_a"))).Value;

        var summary = (await harness.Source.GetSummariesAsync([run], TestContext.Current.CancellationToken))[0];

        summary.IsSuccess.ShouldBeTrue();
        summary.Value.ShouldBeNull();
        handler.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetAllSpecsAsync_NeetoPlaydashThreePages_ReadsEachPageOnceWithPageSize100()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.OK, NeetoPage(request, totalSpecs: 250))));
        await using var harness = new VendorHarness(() => handler);

        var specs = (await harness.Source.GetAllSpecsAsync([VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p")], TestContext.Current.CancellationToken))[0].Value;

        specs.Count.ShouldBe(250);
        specs.Select(s => s.Id).ShouldBe(Enumerable.Range(1, 250).Select(i => $"spec{i}"));
        handler.Requests.Select(r => r.RequestUri!.Query).Order().ShouldBe(["?page=1&page_size=100", "?page=2&page_size=100", "?page=3&page_size=100"]);
    }

    [Fact]
    public async Task GetSpecPagesAsync_NeetoPlaydashPage2_OneUpstreamCallForThatPage()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.OK, NeetoPage(request, totalSpecs: 250))));
        await using var harness = new VendorHarness(() => handler);

        var page = (await harness.Source.GetSpecPagesAsync([new SpecPageRequest(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), 2)], TestContext.Current.CancellationToken))[0].Value;

        page.PageNumber.ShouldBe(2);
        page.Items.Count.ShouldBe(100);
        page.Items[0].Id.ShouldBe("spec101");
        page.TotalCount.ShouldBe(250);
        page.HasNextPage.ShouldBeTrue();
        handler.Requests.ShouldHaveSingleItem().RequestUri!.Query.ShouldBe("?page=2&page_size=100");
    }

    [Fact]
    public async Task GetSpecPagesAsync_NeetoPlaydashSkippedFilter_UsesUpstreamStatusFilter()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.OK, NeetoPage(request, totalSpecs: 3))));
        await using var harness = new VendorHarness(() => handler);

        var page = (await harness.Source.GetSpecPagesAsync([new SpecPageRequest(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), 1, TestStatus.Skipped)], TestContext.Current.CancellationToken))[0].Value;

        handler.Requests.ShouldHaveSingleItem().RequestUri!.Query.ShouldBe("?page=1&page_size=100&status=skipped");
        page.Items.ShouldAllBe(s => s.Tests.All(t => t.Status == TestStatus.Skipped));
        page.Items.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GetSpecPagesAsync_NeetoPlaydashFailedFilter_CombinesFailedTimedOutAndInterrupted()
    {
        var handler = new StubHandler((request, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.OK, NeetoPage(request, totalSpecs: 150))));
        await using var harness = new VendorHarness(() => handler);

        var page = (await harness.Source.GetSpecPagesAsync([new SpecPageRequest(VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p"), 1, TestStatus.Failed)], TestContext.Current.CancellationToken))[0].Value;

        // Statuses cycle through six values, three of which are failures: half the specs match.
        page.HasNextPage.ShouldBeFalse();
        page.Items.Count.ShouldBe(75);
        page.Items.SelectMany(s => s.Tests).Select(t => t.RawStatus).Distinct().Order().ShouldBe(["failed", "interrupted", "timed_out"]);
        page.TotalCount.ShouldBe(75);
        handler.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AddVendors_InvalidOptions_FailsOnStartWithKeyNamedMessages()
    {
        var services = new ServiceCollection();
        services.AddVendors(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vendors:CcExtractor:BaseUrl"] = "ftp://nope",
            ["Vendors:TestVibe:BaseUrl"] = "http://ok.test/testvibe",
            ["Vendors:TestVibe:MaxConcurrentRequests"] = "0",
        }).Build());
        await using var provider = services.BuildServiceProvider();

        var failures = new List<string>();
        foreach (var get in new Func<object>[]
        {
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CcExtractor.CcExtractorOptions>>().Value,
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TestVibe.TestVibeOptions>>().Value,
        })
        {
            var ex = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(get);
            failures.AddRange(ex.Failures);
        }

        failures.ShouldContain("Vendors:CcExtractor:BaseUrl must be an absolute http or https URL.");
        failures.ShouldContain("Vendors:CcExtractor:Token is required when Vendors:CcExtractor:BaseUrl is set.");
        failures.ShouldContain("Vendors:TestVibe:ApiKey is required when Vendors:TestVibe:BaseUrl is set.");
        failures.ShouldContain("Vendors:TestVibe:MaxConcurrentRequests must be between 1 and 1024.");
        provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Crewship.CrewshipOptions>>().Value.IsConfigured.ShouldBeFalse();
    }

    [Fact]
    public async Task AddVendors_CalledTwice_SendsOneRequestWithOneCredentialHeader()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(StubHandler.Response(HttpStatusCode.ServiceUnavailable, "{}")));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vendors:NeetoPlaydash:BaseUrl"] = "http://vendor.test/neeto",
            ["Vendors:NeetoPlaydash:ApiKey"] = "k",
            ["Vendors:NeetoPlaydash:MaxRetries"] = "1",
            ["Vendors:NeetoPlaydash:RetryBaseDelay"] = "00:00:00",
            ["Vendors:NeetoPlaydash:MaxConcurrentRequests"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddVendors(configuration);
        services.AddVendors(configuration, (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using var provider = services.BuildServiceProvider();

        var result = (await provider.GetRequiredService<IRunSource>().GetRunsAsync([VendorHarness.Ref(Vendor.NeetoPlaydash, "r", "p")], TestContext.Current.CancellationToken))[0];

        result.Error!.Kind.ShouldBe(VendorErrorKind.Unavailable);
        handler.Count.ShouldBe(2);
        handler.Requests.ShouldAllBe(r => r.Headers.GetValues("X-Api-Key").Count() == 1);
    }

    [Fact]
    public async Task GetRunsAsync_UnknownStatus_IsUnknownAndLoggedOncePerValue()
    {
        var handler = StubHandler.Json("""{"status":"paused"}""");
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddVendors(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Vendors:Crewship:BaseUrl"] = "http://vendor.test/crewship", ["Vendors:Crewship:ApiKey"] = "k" }).Build(),
            (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using var provider = services.BuildServiceProvider();
        var source = provider.GetRequiredService<IRunSource>();

        var first = await source.GetRunsAsync([VendorHarness.Ref(Vendor.Crewship, "a"), VendorHarness.Ref(Vendor.Crewship, "b")], TestContext.Current.CancellationToken);
        await source.GetRunsAsync([VendorHarness.Ref(Vendor.Crewship, "c")], TestContext.Current.CancellationToken);

        first.ShouldAllBe(r => r.Value.State == RunState.Unknown && r.Value.Result == RunResult.Unknown && r.Value.RawStatus == "paused");
        logs.Messages.Count(m => m.Contains("'paused'", StringComparison.Ordinal)).ShouldBe(1);
    }

    /// <summary>A NeetoPlaydash page of synthetic specs; spec i has one test whose status cycles through the vendor's values.</summary>
    private static string NeetoPage(HttpRequestMessage request, int totalSpecs)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var page = int.Parse(query["page"]!);
        var size = int.Parse(query["page_size"]!);
        var status = query["status"];
        string[] cycle = ["passed", "failed", "skipped", "flaky", "timed_out", "interrupted"];
        var all = Enumerable.Range(1, totalSpecs)
            .Select(i => new { spec_id = $"spec{i}", file_name = $"s{i}.spec.ts", tests = new[] { new { test_id = $"t{i}", title = $"test {i}", status = status ?? cycle[(i - 1) % cycle.Length], duration = 1.5 } } })
            .ToArray();
        var pages = Math.Max(1, (int)Math.Ceiling(all.Length / (double)size));
        var body = new
        {
            run_id = "r",
            status = "failed",
            is_running = false,
            specs = all.Skip((page - 1) * size).Take(size),
            pagination = new { total_records = all.Length, total_pages = pages, current_page_number = page, page_size = size },
        };
        return JsonSerializer.Serialize(body);
    }
}
