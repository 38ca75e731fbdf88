using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.NeetoPlaydash;

/// <summary>The seeded NeetoPlaydash runs (three projects, 80 runs each) and their state at a simulated instant.</summary>
internal sealed class NeetoPlaydashStore
{
    public const int HistoricalPerProject = 70;
    public const int LivePerProject = 10;
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 100;

    /// <summary>The documented example's run: passed.</summary>
    public const string ExampleRunId = "kftwnab";

    /// <summary>The large run: failed, 320 specs.</summary>
    public const string LargeRunId = "xlspecs";

    public static readonly IReadOnlyList<string> ProjectIds = ["pdqmxlz", "hbrtkws", "zmvqena"];

    public static readonly IReadOnlyList<string> TestStatuses = ["passed", "failed", "skipped", "interrupted", "timed_out", "flaky"];

    private static readonly string[] Areas = ["cart", "checkout", "login", "search", "profile", "orders", "payments", "settings", "admin", "onboarding", "notifications", "catalog"];
    private static readonly string[] Topics = ["basics", "guest", "edge-cases", "mobile", "permissions", "validation", "filters", "history", "emails", "coupons", "i18n", "a11y"];
    private static readonly string[] Verbs = ["adds", "removes", "updates", "shows", "hides", "validates", "sorts", "filters", "exports", "saves", "restores", "rejects"];
    private static readonly string[] Objects =
        ["an item to the cart", "the shipping address", "the order summary", "an invalid coupon", "the empty state", "the profile picture",
         "the search results", "a duplicate email", "the payment method", "the notification badge", "the invoice PDF", "the password hint"];
    private static readonly string[] CommitNames =
        ["Fix flaky checkout spec", "Add coupon validation", "Bump playwright to 1.49", "Refactor login page objects", "Speed up search fixtures",
         "Handle empty cart state", "Retry network-idle waits", "Add a11y checks to onboarding", "Update snapshots for new header", "Split admin specs into shards"];
    private static readonly string[] Authors = ["Oliver Smith", "Amara Okafor", "Priya Raman", "Lukas Becker", "Sofia Marquez", "Kenji Watanabe"];
    private static readonly string[] Branches = ["main", "main", "main", "develop", "feature/coupons", "fix/checkout-timeout", "release/2026.11"];
    private static readonly string[] Tags = ["smoke", "nightly", "regression", "pr", "staging"];

    private readonly Dictionary<(string Project, string Run), NeetoRunPlan> _byKey;

    public NeetoPlaydashStore(SimulatorClock clock, IOptions<VendorSimulatorOptions> options)
    {
        Runs = new Generator(new SeededRandom((ulong)options.Value.Seed ^ 0x4EE70UL), clock.Anchor).Generate();
        _byKey = Runs.ToDictionary(r => (r.ProjectId, r.RunId));
    }

    public IReadOnlyList<NeetoRunPlan> Runs { get; }

    public static bool ProjectExists(string projectId) => ProjectIds.Contains(projectId);

    public NeetoRunPlan? Find(string projectId, string runId) => _byKey.GetValueOrDefault((projectId, runId));

    public static bool IsFailureLike(string testStatus) => testStatus is "failed" or "timed_out" or "interrupted";

    public static bool IsFinished(NeetoRunPlan run, DateTimeOffset now) => now >= run.FinishedAt;

    public static IEnumerable<NeetoSpecPlan> VisibleSpecs(NeetoRunPlan run, DateTimeOffset now) =>
        IsFinished(run, now) ? run.Specs : run.Specs.Where(s => s.CompletesAt <= now);

    public static string StatusAt(NeetoRunPlan run, DateTimeOffset now)
    {
        if (IsFinished(run, now))
        {
            return run.FinalStatus;
        }

        var any = false;
        foreach (var spec in VisibleSpecs(run, now))
        {
            any = true;
            if (spec.Tests.Any(t => IsFailureLike(t.Status)))
            {
                return "failing";
            }
        }

        return any ? "passing" : "running";
    }

    /// <summary>Builds one page of the run; <paramref name="testStatus"/> keeps only matching tests and the specs that have one.</summary>
    public static NeetoRunResponse ToResponse(NeetoRunPlan run, DateTimeOffset now, string? testStatus, int page, int pageSize)
    {
        var visible = VisibleSpecs(run, now).ToList();
        var counts = new int[6];
        foreach (var test in visible.SelectMany(s => s.Tests))
        {
            counts[test.Status switch
            {
                "passed" => 0,
                "failed" => 1,
                "flaky" => 2,
                "skipped" => 3,
                "timed_out" => 4,
                _ => 5,
            }]++;
        }

        string[] names = ["Passed", "Failed", "Flaky", "Skipped", "Timed out", "Interrupted"];
        var statistics = new List<NeetoStatistic>();
        for (var i = 0; i < names.Length; i++)
        {
            if (counts[i] > 0)
            {
                statistics.Add(new NeetoStatistic(names[i], counts[i]));
            }
        }

        var filtered = visible
            .Select(s => new NeetoSpecResponse(s.SpecId, s.FileName, testStatus is null ? s.Tests : s.Tests.Where(t => t.Status == testStatus).ToList()))
            .Where(s => s.Tests.Count > 0 || testStatus is null)
            .ToList();
        var totalPages = (filtered.Count + pageSize - 1) / pageSize;
        var pageItems = filtered.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize)).Take(pageSize).ToList();
        var finished = IsFinished(run, now);
        return new NeetoRunResponse(
            run.ProjectId,
            run.RunId,
            run.CommitId,
            IsoTime.Millis(run.CreatedAt),
            run.CommitName,
            StatusAt(run, now),
            finished ? run.FinalDuration : null,
            run.CiBuildId,
            run.Branch,
            run.Author,
            run.Tags,
            !finished,
            statistics,
            run.TotalShards,
            pageItems,
            new NeetoPagination(filtered.Count, totalPages, page, pageSize));
    }

    private sealed class Generator(SeededRandom random, DateTimeOffset anchor)
    {
        private readonly HashSet<string> _ids = [ExampleRunId, LargeRunId];

        public List<NeetoRunPlan> Generate()
        {
            var runs = new List<NeetoRunPlan>();
            var span = TimeSpan.FromDays(45);
            foreach (var project in ProjectIds)
            {
                for (var i = 0; i < HistoricalPerProject; i++)
                {
                    var created = SimulatorDefaults.SeedEpoch - span + (span * i / HistoricalPerProject) + random.Seconds(0, 3600);
                    string runId;
                    string status;
                    var specCount = random.Next(3, 41);
                    if (project == ProjectIds[0] && i == 0)
                    {
                        (runId, status) = (ExampleRunId, "passed");
                    }
                    else if (project == ProjectIds[0] && i == 1)
                    {
                        (runId, status, specCount) = (LargeRunId, "failed", 320);
                    }
                    else
                    {
                        runId = NewId();
                        status = random.Weighted<string>([("passed", 50), ("failed", 30), ("timedOut", 10), ("interrupted", 10)]);
                    }

                    var specs = Specs(status, specCount);
                    var lead = random.Seconds(10, 60);
                    var runSpan = specCount > 100 ? TimeSpan.FromMinutes(45) : random.Seconds(120, 1200);
                    runs.Add(Build(project, runId, status, created, lead, runSpan, specs));
                }

                for (var j = 0; j < LivePerProject; j++)
                {
                    var kind = j % 3;
                    var status = kind switch
                    {
                        1 => random.Chance(0.6) ? "passed" : "failed",
                        2 => random.Weighted<string>([("failed", 60), ("timedOut", 20), ("interrupted", 20)]),
                        _ => random.Weighted<string>([("passed", 50), ("failed", 30), ("timedOut", 10), ("interrupted", 10)]),
                    };
                    var specCount = random.Next(5, 41);
                    var specs = Specs(status, specCount);
                    var runSpan = j == LivePerProject - 1 ? random.Seconds(3600, 7200) : random.Seconds(300, 1500);
                    TimeSpan lead;
                    DateTimeOffset created;
                    if (kind == 0)
                    {
                        // Just reported: no spec has finished yet at start-up.
                        created = anchor - random.Seconds(5, 20);
                        lead = random.Seconds(40, 120);
                    }
                    else
                    {
                        if (kind == 1)
                        {
                            // Passing so far: failures, if any, come last.
                            specs = [.. specs.OrderBy(s => s.Tests.Any(t => IsFailureLike(t.Status)) ? 1 : 0)];
                        }
                        else
                        {
                            // Failing so far: the first spec to finish has a failed test.
                            var first = specs[0];
                            specs[0] = first with { Tests = [first.Tests[0] with { Status = "failed" }, .. first.Tests.Skip(1)] };
                        }

                        lead = random.Seconds(10, 30);
                        var firstFailing = specs.FindIndex(s => s.Tests.Any(t => IsFailureLike(t.Status)));
                        var share = random.Next(30, 51) / 100.0;
                        if (kind == 1 && firstFailing >= 0)
                        {
                            share = Math.Min(share, (firstFailing - 0.5) / specCount);
                        }

                        created = anchor - lead - (runSpan * Math.Max(share, 1.0 / specCount));
                        created = new DateTimeOffset(created.UtcTicks - (created.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                    }

                    runs.Add(Build(project, NewId(), status, created, lead, runSpan, specs));
                }
            }

            return runs;
        }

        private NeetoRunPlan Build(
            string project, string runId, string status, DateTimeOffset created, TimeSpan lead, TimeSpan runSpan, List<(string SpecId, string FileName, List<NeetoTest> Tests)> specs)
        {
            var planned = new List<NeetoSpecPlan>(specs.Count);
            for (var i = 0; i < specs.Count; i++)
            {
                planned.Add(new NeetoSpecPlan(specs[i].SpecId, specs[i].FileName, specs[i].Tests, created + lead + (runSpan * (i + 1) / specs.Count)));
            }

            var finished = planned[^1].CompletesAt + random.Seconds(2, 10) + TimeSpan.FromMilliseconds(random.Next(0, 1000));
            double? duration = status == "interrupted" && random.Chance(0.5) ? null : Math.Round((finished - created).TotalSeconds, 2);
            var tags = Tags.Where(_ => random.Chance(0.3)).ToList();
            return new NeetoRunPlan(
                project,
                runId,
                random.Hex(40),
                created,
                random.Pick(CommitNames),
                status,
                duration,
                random.Chance(0.7) ? $"gh-actions-{random.Next(4000, 9999)}" : $"circleci-{random.Next(10000, 99999)}",
                random.Chance(0.1) ? null : random.Pick(Branches),
                random.Chance(0.1) ? null : random.Pick(Authors),
                tags,
                random.Chance(0.15) ? null : random.Next(1, 9),
                planned,
                finished);
        }

        private List<(string SpecId, string FileName, List<NeetoTest> Tests)> Specs(string status, int count)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var specs = new List<(string SpecId, string FileName, List<NeetoTest> Tests)>(count);
            for (var i = 0; i < count; i++)
            {
                var name = $"{random.Pick(Areas)}/{random.Pick(Topics)}.spec.ts";
                for (var n = 2; !names.Add(name); n++)
                {
                    name = name.Replace(".spec.ts", $"-{n}.spec.ts", StringComparison.Ordinal);
                }

                var tests = new List<NeetoTest>();
                var testCount = random.Next(1, 7);
                for (var t = 0; t < testCount; t++)
                {
                    var testStatus = random.Weighted<string>([("passed", 88), ("skipped", 7), ("flaky", 5)]);
                    if (status != "passed" && random.Chance(0.05))
                    {
                        testStatus = "failed";
                    }

                    tests.Add(new NeetoTest(NewId(), $"{random.Pick(Verbs)} {random.Pick(Objects)}", testStatus, Math.Round(0.4 + (random.NextDouble() * 25), 2)));
                }

                specs.Add((NewId(), name, tests));
            }

            // Make sure the final status is explained by at least one test.
            var spec = random.Next(count);
            var test = random.Next(specs[spec].Tests.Count);
            switch (status)
            {
                case "failed":
                    specs[spec].Tests[test] = specs[spec].Tests[test] with { Status = "failed" };
                    break;
                case "timedOut":
                    specs[spec].Tests[test] = specs[spec].Tests[test] with { Status = "timed_out" };
                    break;
                case "interrupted":
                    // Everything after the interruption never ran.
                    var cut = Math.Max(spec, count / 2);
                    specs[cut].Tests[0] = specs[cut].Tests[0] with { Status = "interrupted" };
                    for (var s = cut; s < count; s++)
                    {
                        for (var t = s == cut ? 1 : 0; t < specs[s].Tests.Count; t++)
                        {
                            specs[s].Tests[t] = specs[s].Tests[t] with { Status = "skipped" };
                        }
                    }

                    break;
            }

            return specs;
        }

        private string NewId()
        {
            string id;
            do
            {
                id = random.Letters(7);
            }
            while (!_ids.Add(id));
            return id;
        }
    }
}
