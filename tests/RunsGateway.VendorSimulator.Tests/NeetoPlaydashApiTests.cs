using System.Net;
using System.Text.Json.Nodes;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class NeetoPlaydashApiTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Run = "projects/pdqmxlz/runs/kftwnab";
    private const string LargeRun = "projects/pdqmxlz/runs/xlspecs";
    private readonly SimulatorHost _host = fixture.Host;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task GetRun_MissingOrWrongApiKey_Returns401WithErrorText(string? key)
    {
        var headers = key is null ? [] : new[] { SimulatorHost.ApiKey(key) };

        using var response = await _host.GetAsync("neetoplaydash/api/external/v1/" + Run, headers);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await response.JsonObjectAsync();
        body.Select(p => p.Key).ShouldBe(["error"]);
        body["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task GetRun_KeyAsBearer_Returns401()
    {
        using var response = await _host.GetAsync("neetoplaydash/api/external/v1/" + Run, SimulatorHost.Bearer(SimulatorDefaults.NeetoPlaydashApiKey));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("projects/pdqmxlz/runs/nosuchx")]
    [InlineData("projects/nosuchp/runs/kftwnab")]
    [InlineData("projects/pdqmxlz")]
    public async Task Get_UnknownRunOrPath_Returns404WithErrorText(string path)
    {
        using var response = await _host.GetNeetoPlaydashAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.JsonObjectAsync())["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task GetRun_AcceptExcludesJson_Returns406()
    {
        using var response = await _host.GetAsync(
            "neetoplaydash/api/external/v1/" + Run, SimulatorHost.ApiKey(SimulatorDefaults.NeetoPlaydashApiKey), ("Accept", "text/html"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task GetRun_NoPageParameters_ReturnsFirstPageOf30()
    {
        var run = await GetAsync(LargeRun);

        var pagination = run["pagination"]!;
        pagination["current_page_number"]!.GetValue<int>().ShouldBe(1);
        pagination["page_size"]!.GetValue<int>().ShouldBe(30);
        pagination["total_records"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(300);
        pagination["total_pages"]!.GetValue<int>().ShouldBe((pagination["total_records"]!.GetValue<int>() + 29) / 30);
        run["specs"]!.AsArray().Count.ShouldBe(30);
    }

    [Theory]
    [InlineData("page_size=500", 100)]
    [InlineData("page_size=0", 30)]
    [InlineData("page_size=abc", 30)]
    [InlineData("page_size=15", 15)]
    public async Task GetRun_PageSize_IsClampedToTheDocumentedRange(string query, int expected)
    {
        var run = await GetAsync(LargeRun + "?" + query);

        run["pagination"]!["page_size"]!.GetValue<int>().ShouldBe(expected);
        run["specs"]!.AsArray().Count.ShouldBe(expected);
    }

    [Fact]
    public async Task GetRun_AllPages_ReturnEverySpecExactlyOnce()
    {
        var first = await GetAsync(LargeRun + "?page_size=100");
        var pages = first["pagination"]!["total_pages"]!.GetValue<int>();
        var ids = new List<string>();

        for (var page = 1; page <= pages + 1; page++)
        {
            var run = await GetAsync($"{LargeRun}?page={page}&page_size=100");
            run["pagination"]!["current_page_number"]!.GetValue<int>().ShouldBe(page);
            ids.AddRange(run["specs"]!.AsArray().Select(s => s!["spec_id"]!.GetValue<string>()));
        }

        ids.Count.ShouldBe(first["pagination"]!["total_records"]!.GetValue<int>());
        ids.Distinct().Count().ShouldBe(ids.Count);
        ids.Count.ShouldBeGreaterThanOrEqualTo(300);
    }

    [Fact]
    public async Task GetRun_RunStatistics_SumToEveryTestOfTheRun()
    {
        var run = await GetAsync(LargeRun + "?page_size=100");
        var tests = 0;
        for (var page = 1; page <= run["pagination"]!["total_pages"]!.GetValue<int>(); page++)
        {
            var pageRun = await GetAsync($"{LargeRun}?page={page}&page_size=100");
            tests += pageRun["specs"]!.AsArray().Sum(s => s!["tests"]!.AsArray().Count);
        }

        run["run_statistics"]!.AsArray().Sum(s => s!["value"]!.GetValue<int>()).ShouldBe(tests);
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("flaky")]
    [InlineData("skipped")]
    [InlineData("passed")]
    public async Task GetRun_StatusFilter_ReturnsOnlySpecsWithAMatchingTest(string status)
    {
        var all = await AllSpecsAsync(LargeRun);
        var expected = all.Where(s => s["tests"]!.AsArray().Any(t => t!["status"]!.GetValue<string>() == status)).Select(s => s["spec_id"]!.GetValue<string>()).ToList();

        var filtered = await AllSpecsAsync(LargeRun, "status=" + status);

        filtered.Select(s => s["spec_id"]!.GetValue<string>()).ShouldBe(expected);
        filtered.SelectMany(s => s["tests"]!.AsArray()).ShouldAllBe(t => t!["status"]!.GetValue<string>() == status);
        var firstPage = await GetAsync($"{LargeRun}?status={status}");
        firstPage["pagination"]!["total_records"]!.GetValue<int>().ShouldBe(expected.Count);
    }

    [Fact]
    public async Task GetRun_FilterWithoutMatches_ReturnsNoSpecs()
    {
        var run = await GetAsync(Run + "?status=timed_out");

        run["specs"]!.AsArray().ShouldBeEmpty();
        run["pagination"]!["total_records"]!.GetValue<int>().ShouldBe(0);
        run["status"]!.GetValue<string>().ShouldBe("passed");
    }

    [Fact]
    public async Task GetRun_InvalidStatusFilter_Returns422()
    {
        using var response = await _host.GetNeetoPlaydashAsync(Run + "?status=broken");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task GetRun_FinishedRun_HasDocumentedFieldsInOrder()
    {
        var run = await GetAsync(Run);

        run.Select(p => p.Key).ShouldBe(
        [
            "project_id", "run_id", "commit_id", "created_at", "commit_name", "status", "duration", "ci_build_id", "branch", "author",
            "tags", "is_running", "run_statistics", "total_shards", "specs", "pagination",
        ]);
        run["is_running"]!.GetValue<bool>().ShouldBeFalse();
        run["created_at"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
    }

    [Fact]
    public async Task Runs_Catalogue_CoversEveryRunStatusOnAnyProject()
    {
        var runs = await _host.RunsAsync("neetoplaydash");

        runs.Select(r => r!["status"]!.GetValue<string>()).Distinct().Order()
            .ShouldBe(new[] { "failed", "failing", "interrupted", "passed", "passing", "running", "timedOut" });
        runs.Count.ShouldBeGreaterThanOrEqualTo(200);
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var response = await _host.GetNeetoPlaydashAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonObjectAsync();
    }

    private async Task<List<JsonObject>> AllSpecsAsync(string run, string? query = null)
    {
        var specs = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await GetAsync($"{run}?page={page}&page_size=100" + (query is null ? "" : "&" + query));
            specs.AddRange(body["specs"]!.AsArray().Select(s => s!.AsObject()));
            if (page >= body["pagination"]!["total_pages"]!.GetValue<int>())
            {
                return specs;
            }
        }
    }
}
