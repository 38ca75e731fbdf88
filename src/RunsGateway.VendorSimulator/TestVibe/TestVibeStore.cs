using System.Text;
using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.TestVibe;

/// <summary>The seeded TestVibe runs (three projects, 100 runs each, run ids from 101) and their state at a simulated instant.</summary>
internal sealed class TestVibeStore
{
    public const int HistoricalPerProject = 90;
    public const int LivePerProject = 10;
    public const int FirstRunId = 101;

    /// <summary>The documented trimming limits.</summary>
    public const int ErrorLimit = 1500;
    public const int LogLimit = 4000;

    public static readonly IReadOnlyList<string> Projects = ["acme-shop", "globex-portal", "initech-app"];

    private static readonly string[] SiteUrls = ["https://shop.acme.example", "https://portal.globex.example", "https://app.initech.example"];
    private static readonly string[][] Features =
    [
        ["Login Functionality", "Checkout", "Product Search", "Wishlist", "Account Settings"],
        ["Invoices", "Team Management", "Single Sign-On", "Reports Export", "Notifications"],
        ["TPS Reports", "Expense Claims", "Calendar", "File Upload", "Admin Console"],
    ];

    private static readonly string[] LoginTests = ["Valid user signs in", "Invalid password is rejected", "Locked-out user sees an error"];
    private static readonly string[] Scenarios =
    [
        "Happy path completes", "Invalid input is rejected", "Empty state is shown", "Error banner appears on server failure",
        "Works after page reload", "Keyboard navigation reaches every control", "Session timeout redirects to sign-in",
        "Mobile layout hides the sidebar", "Changes persist after sign-out", "Unauthorized user is redirected",
        "Long values are truncated with an ellipsis", "Back button restores the previous state",
    ];

    private static readonly string[] Configs = ["Default", "Default", "Mobile Safari", "Firefox EU", "Chromium slow-3G"];
    private static readonly string[] ShortErrors =
    [
        "expect(locator).toBeVisible() failed — locator('[data-test=\"error\"]') not found within 5000ms",
        "Timeout 30000ms exceeded while waiting for navigation to \"/checkout/complete\"",
        "expect(locator).toHaveText(expected) failed — Expected: \"Order placed\" Received: \"Payment declined\"",
        "page.click: Target page, context or browser has been closed",
        "expect(page).toHaveURL(expected) failed — Expected: \"/dashboard\" Received: \"/login?expired=1\"",
    ];

    private readonly Dictionary<(string Project, int RunId), TvRunPlan> _byKey;

    public TestVibeStore(SimulatorClock clock, IOptions<VendorSimulatorOptions> options)
    {
        Runs = Generate(new SeededRandom((ulong)options.Value.Seed ^ 0x7E57UL), clock.Anchor);
        _byKey = Runs.ToDictionary(r => (r.Project, r.RunId));
    }

    public IReadOnlyList<TvRunPlan> Runs { get; }

    public TvRunPlan? Find(string project, int runId) => _byKey.GetValueOrDefault((project, runId));

    public static string StatusAt(TvRunPlan run, DateTimeOffset now) => now >= run.FinishedUtc ? run.FinalStatus : "running";

    public static TvRunResponse ToResponse(TvRunPlan run, DateTimeOffset now)
    {
        var started = now >= run.StartedUtc;
        if (now < run.FinishedUtc)
        {
            string? progress = started
                ? $"[{IsoTime.Seconds(run.StartedUtc)}] Run started on {run.Config}; {run.Tests.Count} tests scheduled against {run.SiteUrl}."
                : null;
            return new TvRunResponse(
                run.RunId, "running", run.FeatureId, run.FeatureName, run.Config, run.SiteUrl, IsoTime.Seconds(run.CreatedUtc),
                started ? IsoTime.Seconds(run.StartedUtc) : null, null, null, null, [], progress);
        }

        var passed = run.Tests.Count(t => t.Status == "passed");
        var failed = run.Tests.Count(t => t.Status == "failed");
        return new TvRunResponse(
            run.RunId, run.FinalStatus, run.FeatureId, run.FeatureName, run.Config, run.SiteUrl, IsoTime.Seconds(run.CreatedUtc),
            IsoTime.Seconds(run.StartedUtc), IsoTime.Seconds(run.FinishedUtc),
            new TvSummary(run.Tests.Count, passed, failed, run.Tests.Count - passed - failed), run.Tests, run.Artifacts, run.Log);
    }

    private static List<TvRunPlan> Generate(SeededRandom random, DateTimeOffset anchor)
    {
        var runs = new List<TvRunPlan>();
        var runId = FirstRunId;
        var failedRuns = 0;
        var span = TimeSpan.FromDays(45);
        for (var i = 0; i < HistoricalPerProject + LivePerProject; i++)
        {
            for (var p = 0; p < Projects.Count; p++)
            {
                var live = i >= HistoricalPerProject;
                var status = random.Chance(live ? 0.4 : 0.35) ? "failed" : "passed";
                DateTimeOffset created;
                DateTimeOffset started;
                if (!live)
                {
                    created = SimulatorDefaults.SeedEpoch - span + (span * i / HistoricalPerProject) + random.Seconds(0, 3600);
                    started = created + random.Seconds(3, 20);
                }
                else if (i % 2 == 0)
                {
                    // Queued at start-up: startedUtc stays null until the runner picks it up.
                    created = anchor - random.Seconds(5, 60);
                    started = anchor + random.Seconds(20, 300);
                }
                else
                {
                    created = anchor - random.Seconds(60, 600);
                    started = created + random.Seconds(3, 20);
                }

                var featureIndex = random.Next(Features[p].Length);
                var featureName = Features[p][featureIndex];
                var tests = Tests(random, status, featureName, ref failedRuns, out var longTexts);
                var artifacts = Artifacts(random, tests, status, failedRuns);
                var testTime = TimeSpan.FromMilliseconds(tests.Sum(t => t.DurationMs));
                var finished = live
                    ? (i == HistoricalPerProject + LivePerProject - 1 ? anchor + random.Seconds(3600, 7200) : Later(anchor, started) + testTime + random.Seconds(60, 900))
                    : started + testTime + random.Seconds(2, 10);
                var log = status == "passed" ? null : Log(random, tests, longTexts);
                runs.Add(new TvRunPlan(
                    Projects[p], runId++, status, 10 + (p * 20) + 2 + featureIndex, featureName, random.Pick(Configs), SiteUrls[p],
                    created, started, finished, tests, artifacts, log));
            }
        }

        return runs;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static List<TvTest> Tests(SeededRandom random, string status, string featureName, ref int failedRuns, out bool longTexts)
    {
        var names = featureName == "Login Functionality" ? LoginTests.Concat(Scenarios.Take(3)).ToArray() : Scenarios;
        var count = random.Next(2, Math.Min(12, names.Length) + 1);
        var tests = new List<TvTest>(count);
        for (var i = 0; i < count; i++)
        {
            var testStatus = random.Chance(0.06) ? "skipped" : "passed";
            tests.Add(new TvTest(names[i], testStatus, testStatus == "skipped" ? 0 : random.Next(1500, 30000), null));
        }

        longTexts = false;
        if (status == "failed")
        {
            failedRuns++;

            // Every third failed run hits the documented trimming limits exactly.
            longTexts = failedRuns % 3 == 1;
            var failures = random.Next(1, Math.Min(3, count) + 1);
            for (var f = 0; f < failures; f++)
            {
                var index = random.Next(count);
                while (tests[index].Status == "failed")
                {
                    index = (index + 1) % count;
                }

                var error = longTexts && f == 0 ? LongError(tests[index].Name) : random.Pick(ShortErrors);
                tests[index] = tests[index] with { Status = "failed", Error = error, DurationMs = random.Next(5000, 31000) };
            }
        }

        return tests;
    }

    private static List<TvArtifact> Artifacts(SeededRandom random, List<TvTest> tests, string status, int failedRuns)
    {
        var artifacts = new List<TvArtifact>();
        foreach (var test in tests.Where(t => t.Status == "failed"))
        {
            var slug = Slug(test.Name);
            artifacts.Add(new TvArtifact("trace", $"trace/{slug}.zip", random.Next(150_000, 2_500_000)));
            artifacts.Add(new TvArtifact("screenshot", $"screenshots/{slug}.png", random.Next(40_000, 300_000)));
        }

        if (status == "failed" && failedRuns % 5 == 2)
        {
            // Byte sizes can exceed 2^31.
            artifacts.Add(new TvArtifact("video", "video/full-run.webm", 2_147_483_648L + random.Next(1, 900_000_000)));
        }
        else if (status == "passed" && random.Chance(0.5))
        {
            artifacts.Add(new TvArtifact("report", "report/index.html", random.Next(20_000, 90_000)));
        }

        return artifacts;
    }

    private static string Log(SeededRandom random, List<TvTest> tests, bool longTexts)
    {
        var builder = new StringBuilder();
        var line = 1;
        do
        {
            foreach (var test in tests)
            {
                builder.Append(line++).Append(" [runner] ").Append(test.Status == "failed" ? "FAIL " : "ok   ").Append(test.Name)
                    .Append(" (").Append(test.DurationMs).Append(" ms)\n");
                if (test.Status == "failed")
                {
                    builder.Append(line++).Append(" [runner]   at tests/").Append(Slug(test.Name)).Append(".spec.ts:")
                        .Append(random.Next(10, 200)).Append(':').Append(random.Next(3, 40)).Append('\n');
                }
            }
        }
        while (longTexts && builder.Length < LogLimit);
        return longTexts ? builder.ToString(0, LogLimit) : builder.ToString();
    }

    /// <summary>An assertion error with a long call log, trimmed exactly as the API trims it.</summary>
    private static string LongError(string testName)
    {
        var builder = new StringBuilder("expect(locator).toBeVisible() failed in \"").Append(testName).Append("\"\n\nCall log:\n");
        for (var i = 1; builder.Length < ErrorLimit; i++)
        {
            builder.Append("  - waiting for locator('[data-test=\"checkout-summary\"]') (attempt ").Append(i)
                .Append("): element is not visible, retrying in 100ms\n");
        }

        return builder.ToString(0, ErrorLimit);
    }

    private static string Slug(string name) =>
        new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
