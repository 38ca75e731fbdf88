using System.Net;
using System.Text.Json;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor;
using RunsGateway.Vendors.Crewship;
using RunsGateway.Vendors.NeetoPlaydash;
using RunsGateway.Vendors.TestVibe;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Contract;

/// <summary>Every JSON example of the vendor documents deserialises into the DTOs and maps as vendor-mapping.md says.</summary>
public sealed class VendorDocumentExamplesTests
{
    [Fact]
    public void CcExtractorSummaryDoc_SuccessExample_MapsEveryCount()
    {
        var examples = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("ccextractor-get-run-summary.txt"));
        var success = examples.Single(e => e.Contains("\"total_samples\"", StringComparison.Ordinal));

        var dto = JsonSerializer.Deserialize(success, CcExtractorJsonContext.Default.CcExtractorSummaryDto)!;
        var summary = CcExtractorMapper.MapSummary(dto, isFinal: true).Value!;

        summary.ShouldBe(new Summary
        {
            Total = 42, Passed = 42, Failed = 42, Skipped = 42, MissingOutput = 42, ErrorCount = 42, DurationMs = 42,
            Flaky = null, Other = null, Pending = null, IsFinal = true,
        });
    }

    [Fact]
    public void CcExtractorSummaryDoc_ErrorExamples_ParseCodeMessageAndRetryAfter()
    {
        var errors = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("ccextractor-get-run-summary.txt"))
            .Where(e => e.Contains("\"code\"", StringComparison.Ordinal))
            .Select(e => CcExtractorSource.ParseError(System.Text.Encoding.UTF8.GetBytes(e)))
            .ToArray();

        errors.Select(e => e.Code).ShouldBe(["unauthorized", "not_found", "rate_limited", "not_found"]);
        errors[0].Message.ShouldBe("Bearer token is missing, expired, or invalid.");
        errors[2].RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        errors[1].RetryAfter.ShouldBeNull();
    }

    [Fact]
    public void CcExtractorRun_DocumentedShape_MapsEveryField()
    {
        var dto = JsonSerializer.Deserialize(Example("ccextractor-run-documented.json"), CcExtractorJsonContext.Default.CcExtractorRunDto)!;

        var run = CcExtractorMapper.MapRun(VendorHarness.Ref(Vendor.CcExtractor, "9317"), dto).Value;

        run.State.ShouldBe(RunState.Finished);
        run.Result.ShouldBe(RunResult.Canceled);
        run.RawStatus.ShouldBe("canceled");
        run.IsCacheable.ShouldBeTrue();
        run.Repository.ShouldBe("CCExtractor/ccextractor");
        run.Branch.ShouldBe("master");
        run.CommitSha.ShouldBe("4f2d1c0b9a8e7d6c5b4a39281706f5e4d3c2b1a0");
        run.PullRequest.ShouldBe(1642);
        run.Platform.ShouldBe("linux");
        run.ErrorMessage.ShouldBe("VM provisioning failed: quota exceeded");
        run.TriggeredBy.ShouldBe("github-webhook");
        run.CreatedAt.ShouldBe(DateTimeOffset.Parse("2026-06-28T09:14:22Z"));
        run.QueuedAt.ShouldBe(DateTimeOffset.Parse("2026-06-28T09:14:25Z"));
        run.StartedAt.ShouldBe(DateTimeOffset.Parse("2026-06-28T09:15:00Z"));
        run.CompletedAt.ShouldBe(DateTimeOffset.Parse("2026-06-28T09:21:40Z"));
        run.DurationMs.ShouldBe(312000);
        run.IsDurationDerived.ShouldBeFalse();
        run.Attributes["commit_short"].ShouldBe("4f2d1c0");
        run.Summary.ShouldBeNull();
        run.SummaryIncluded.ShouldBeFalse();
        run.FirstSpecPage.Items.ShouldBeEmpty();
        run.Tags.ShouldBeEmpty();
    }

    [Fact]
    public void CcExtractorRun_CurrentCodeShape_ParsesAndDerivesWhatIsMissing()
    {
        var dto = JsonSerializer.Deserialize(Example("ccextractor-run-current-code.json"), CcExtractorJsonContext.Default.CcExtractorRunDto)!;

        var run = CcExtractorMapper.MapRun(VendorHarness.Ref(Vendor.CcExtractor, "9318"), dto).Value;

        run.State.ShouldBe(RunState.Finished);
        run.Result.ShouldBe(RunResult.Passed);
        run.PullRequest.ShouldBe(1650);
        run.WebUrl.ShouldBe(new Uri("https://github.com/CCExtractor/ccextractor/pull/1650"));
        run.Attributes["test_type"].ShouldBe("pr");
        run.Attributes.ContainsKey("commit_short").ShouldBeFalse();
        run.ErrorMessage.ShouldBeNull();
        run.TriggeredBy.ShouldBeNull();
        run.QueuedAt.ShouldBeNull();
        run.DurationMs.ShouldBe(150250);
        run.IsDurationDerived.ShouldBeTrue();
    }

    [Fact]
    public void NeetoPlaydashDoc_RunExample_MapsRunSummarySpecsAndPagination()
    {
        var example = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("neetoplaydash-get-run.txt"))
            .Single(e => e.Contains("\"run_statistics\"", StringComparison.Ordinal));
        var dto = JsonSerializer.Deserialize(example, NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto)!;

        var run = NeetoPlaydashMapper.MapRun(VendorHarness.Ref(Vendor.NeetoPlaydash, "kftwnab", "pdqmxlz"), dto).Value;

        run.State.ShouldBe(RunState.Finished);
        run.Result.ShouldBe(RunResult.Passed);
        run.IsCacheable.ShouldBeTrue();
        run.CommitSha.ShouldBe("9fceb02e1d2c4bb6a1f3f6b0c8e7d5a1b2c3d4e5");
        run.CommitMessage.ShouldBe("Fix flaky checkout spec");
        run.CreatedAt.ShouldBe(new DateTimeOffset(2026, 6, 28, 9, 14, 22, TimeSpan.Zero));
        run.DurationMs.ShouldBe(182450);
        run.CiBuildId.ShouldBe("gh-actions-4821");
        run.Branch.ShouldBe("main");
        run.Author.ShouldBe("Oliver Smith");
        run.Tags.ShouldBe(["smoke", "nightly"]);
        run.Shards.ShouldBe(4);
        run.SummaryIncluded.ShouldBeTrue();
        run.Summary.ShouldBe(new Summary { Total = 41, Passed = 39, Failed = 2, Flaky = 1, Skipped = 0, Other = 0, IsFinal = true });

        var page = run.FirstSpecPage;
        page.TotalCount.ShouldBe(42);
        page.PageNumber.ShouldBe(1);
        page.PageSize.ShouldBe(15);
        page.HasNextPage.ShouldBeTrue();
        var spec = page.Items.ShouldHaveSingleItem();
        spec.Id.ShouldBe("wbnxtyz");
        spec.Name.ShouldBe("cart.spec.ts");
        spec.FilePath.ShouldBe("cart.spec.ts");
        var test = spec.Tests.ShouldHaveSingleItem();
        test.ShouldBe(new Test
        {
            Id = "vhrscje", SpecId = "wbnxtyz", Name = "adds an item to the cart", Status = TestStatus.Passed, RawStatus = "passed",
            Flaky = false, FailureKind = null, DurationMs = 3210, Message = null, MessageTruncated = null,
        });
    }

    [Fact]
    public void NeetoPlaydashDoc_StatisticsExample_SumsPassedAndFlaky()
    {
        var statistics = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("neetoplaydash-get-run.txt"))
            .Where(e => e.Contains("\"name\"", StringComparison.Ordinal) && !e.Contains("\"run_id\"", StringComparison.Ordinal))
            .Select(e => JsonSerializer.Deserialize(e, NeetoPlaydashJsonContext.Default.NeetoPlaydashStatisticDto))
            .ToArray();

        statistics.Length.ShouldBe(3);
        var summary = NeetoPlaydashMapper.MapSummary(statistics, isFinal: false)!;

        summary.Total.ShouldBe(41);
        summary.Passed.ShouldBe(39);
        summary.Failed.ShouldBe(2);
        summary.Flaky.ShouldBe(1);
        summary.IsFinal.ShouldBeFalse();
    }

    [Fact]
    public void TestVibeDoc_RunExample_MapsRunTestsArtifactsAndLog()
    {
        var example = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("testvibe-get-run.txt"))
            .Single(e => e.Contains("\"featureName\"", StringComparison.Ordinal));
        var dto = JsonSerializer.Deserialize(example, TestVibeJsonContext.Default.TestVibeRunDto)!;
        var runRef = VendorHarness.Ref(Vendor.TestVibe, "214", "acme");

        var run = TestVibeMapper.MapRun(runRef, dto).Value;

        run.Name.ShouldBe("Login Functionality");
        run.State.ShouldBe(RunState.Finished);
        run.Result.ShouldBe(RunResult.Failed);
        run.IsCacheable.ShouldBeTrue();
        run.CreatedAt.ShouldBe(DateTimeOffset.Parse("2026-06-10T16:02:11Z"));
        run.DurationMs.ShouldBe(35000);
        run.IsDurationDerived.ShouldBeTrue();
        run.Log.ShouldBe("…trimmed runner output (only present on non-passed runs)…");
        run.Attributes["featureId"].ShouldBe("12");
        run.Attributes["config"].ShouldBe("Default");
        run.Attributes["siteUrl"].ShouldBe("https://shop.acme.example");
        run.Summary.ShouldBe(new Summary { Total = 3, Passed = 2, Failed = 1, Other = 0, IsFinal = true });
        run.Artifacts.ShouldBe([new Artifact("trace", "trace/locked-out-user.zip", 482133), new Artifact("screenshot", "screenshots/locked-out-user.png", 88241)]);

        var spec = run.FirstSpecPage.Items.ShouldHaveSingleItem();
        spec.Id.ShouldBe("feature-12");
        spec.Name.ShouldBe("Login Functionality");
        spec.Tests.Select(t => (t.Name, t.Status, t.DurationMs)).ShouldBe(
        [
            ("Valid user signs in", TestStatus.Passed, 4210L),
            ("Invalid password is rejected", TestStatus.Passed, 3804L),
            ("Locked-out user sees an error", TestStatus.Failed, 9120L),
        ]);
        spec.Tests[2].Message.ShouldBe("expect(locator).toBeVisible() failed — locator('[data-test=\"error\"]') not found within 5000ms");
        spec.Tests[2].MessageTruncated.ShouldBe(false);
        spec.Tests[0].Message.ShouldBeNull();
        spec.Tests.Select(t => t.Id).Distinct().Count().ShouldBe(3);
    }

    [Theory]
    [InlineData("Running", "running", RunState.Running, RunResult.Pending)]
    [InlineData("Succeeded", "succeeded", RunState.Finished, RunResult.Passed)]
    [InlineData("Failed", "failed", RunState.Finished, RunResult.Failed)]
    public void CrewshipDoc_Examples_MapStateInputOutputAndError(string label, string status, RunState state, RunResult result)
    {
        var example = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("crewship-get-run.txt"))
            .Single(e => e.Contains($"\"status\": \"{status}\"", StringComparison.Ordinal));
        var dto = JsonSerializer.Deserialize(example, CrewshipJsonContext.Default.CrewshipRunDto)!;

        var run = CrewshipMapper.MapRun(VendorHarness.Ref(Vendor.Crewship, "run_xyz789abc"), dto).Value;

        run.State.ShouldBe(state, label);
        run.Result.ShouldBe(result, label);
        run.Input!.Value.GetProperty("topic").GetString().ShouldBe("AI agents");
        run.Attributes["version_id"].ShouldBe("ver_abc123xyz");
        run.Attributes["deployment_id"].ShouldBe("dep_abc123xyz");
        run.Summary.ShouldBeNull();
        run.SummaryIncluded.ShouldBeTrue();
        run.FirstSpecPage.Items.ShouldBeEmpty();
        switch (status)
        {
            case "running":
                run.Output.ShouldBeNull();
                run.ErrorMessage.ShouldBeNull();
                run.IsCacheable.ShouldBeFalse();
                run.DurationMs.ShouldBeNull();
                break;
            case "succeeded":
                run.Output!.Value.GetProperty("result").GetString().ShouldBe("Generated report about AI agents...");
                run.IsCacheable.ShouldBeTrue();
                run.DurationMs.ShouldBe(45000);
                run.IsDurationDerived.ShouldBeTrue();
                break;
            default:
                run.ErrorMessage.ShouldBe("OpenAI API rate limit exceeded");
                run.Output.ShouldBeNull();
                run.DurationMs.ShouldBe(3000);
                break;
        }
    }

    [Fact]
    public async Task TestVibeDoc_RunExample_ServedOverHttp_RoundTripsThroughRunSource()
    {
        var example = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("testvibe-get-run.txt"))
            .Single(e => e.Contains("\"featureName\"", StringComparison.Ordinal));
        var handler = StubHandler.Json(example);
        await using var harness = new VendorHarness(() => handler);

        var run = (await harness.GetRunAsync(VendorHarness.Ref(Vendor.TestVibe, "214", "acme"))).Value;

        run.Result.ShouldBe(RunResult.Failed);
        var request = handler.Requests.ShouldHaveSingleItem();
        request.RequestUri!.AbsolutePath.ShouldBe("/testvibe/api/v1/ops/projects/acme/runs/214");
        request.Headers.Authorization!.Scheme.ShouldBe("Bearer");
        request.Headers.Authorization.Parameter.ShouldBe(VendorHarness.ApiKey);
        request.Method.ShouldBe(HttpMethod.Get);
    }

    [Fact]
    public async Task NeetoPlaydashDoc_RunExample_ServedOverHttp_SendsApiKeyAcceptAndPageSize100()
    {
        var example = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("neetoplaydash-get-run.txt"))
            .Single(e => e.Contains("\"run_statistics\"", StringComparison.Ordinal));
        var handler = StubHandler.Json(example);
        await using var harness = new VendorHarness(() => handler);

        var run = (await harness.GetRunAsync(VendorHarness.Ref(Vendor.NeetoPlaydash, "kftwnab", "pdqmxlz"))).Value;

        run.Summary!.Total.ShouldBe(41);
        var request = handler.Requests.ShouldHaveSingleItem();
        request.RequestUri!.AbsolutePath.ShouldBe("/neetoplaydash/api/external/v1/projects/pdqmxlz/runs/kftwnab");
        request.RequestUri.Query.ShouldBe("?page=1&page_size=100");
        request.Headers.GetValues("X-Api-Key").ShouldBe([VendorHarness.ApiKey]);
        request.Headers.Accept.Select(a => a.MediaType).ShouldContain("application/json");
        request.Headers.Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task CcExtractorDoc_NotFoundExample_BecomesNotFoundWithVendorCode()
    {
        var notFound = SharedDocs.JsonObjects(SharedDocs.ReadVendorDoc("ccextractor-get-run-summary.txt"))
            .First(e => e.Contains("\"resource\"", StringComparison.Ordinal));
        var handler = StubHandler.Json(notFound, HttpStatusCode.NotFound);
        await using var harness = new VendorHarness(() => handler);

        var result = await harness.GetRunAsync(VendorHarness.Ref(Vendor.CcExtractor, "9317"));

        result.Error.ShouldBe(new VendorError(VendorErrorKind.NotFound, Vendor.CcExtractor, "Run 9317 not found.") { HttpStatus = 404, VendorCode = "not_found" });
        handler.Requests.ShouldHaveSingleItem().Headers.Authorization!.ToString().ShouldBe("Bearer " + VendorHarness.CcExtractorToken);
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "Examples", name));
}
