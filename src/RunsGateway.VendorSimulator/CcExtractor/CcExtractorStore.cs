using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.CcExtractor;

/// <summary>The seeded CCExtractor runs (ids 1–300) and their state at a simulated instant.</summary>
internal sealed class CcExtractorStore
{
    public const int HistoricalCount = 270;
    public const int LiveCount = 30;
    public const string Repository = "CCExtractor/ccextractor";

    private static readonly string[] InfrastructureErrors =
    [
        "Infrastructure error: the GCP instance for platform {0} was preempted during the run; the remaining samples were not executed.",
        "Infrastructure error: lost connection to the {0} test VM (heartbeat timeout after 300 s); results are incomplete.",
        "Infrastructure error: the sample storage bucket became unreachable from the {0} VM; output files could not be collected.",
    ];

    private static readonly string[] HeadBranches =
        ["fix-dvb-subtitles", "feature/webvtt-styling", "hardsubx-ocr-speedup", "mp4-608-parsing", "cleanup-708-decoder", "teletext-page-fix"];

    private readonly Dictionary<int, CcRunPlan> _byId;

    public CcExtractorStore(SimulatorClock clock, IOptions<VendorSimulatorOptions> options)
    {
        Runs = Generate(new SeededRandom((ulong)options.Value.Seed ^ 0xCC01UL), clock.Anchor);
        _byId = Runs.ToDictionary(r => r.RunId);
    }

    public IReadOnlyList<CcRunPlan> Runs { get; }

    public CcRunPlan? Find(int runId) => _byId.GetValueOrDefault(runId);

    public static string StatusAt(CcRunPlan run, DateTimeOffset now)
    {
        if (run.FinalStatus == "incomplete")
        {
            return run.FinalStatus;
        }

        if (run.CompletedAt is { } completed && now >= completed)
        {
            return run.FinalStatus;
        }

        return run.StartedAt is { } started && now >= started ? "running" : "queued";
    }

    /// <summary>Share of the final counts visible at <paramref name="now"/>.</summary>
    public static double ProgressAt(CcRunPlan run, DateTimeOffset now)
    {
        if (run.FinalStatus == "incomplete" || (run.CompletedAt is { } done && now >= done))
        {
            return 1;
        }

        if (run.StartedAt is not { } started || now < started || run.CompletedAt is not { } completed)
        {
            return 0;
        }

        return (now - started) / (completed - started);
    }

    public static CcRunResponse ToResponse(CcRunPlan run, DateTimeOffset now)
    {
        var (started, completed) = VisibleTimes(run, now);
        long? duration = started is { } s && completed is { } c ? (long)(c - s).TotalMilliseconds : null;
        var self = $"https://sampleplatform.ccextractor.org/api/v1/runs/{run.RunId}";
        return new CcRunResponse(
            run.RunId,
            StatusAt(run, now),
            run.Repository,
            run.Branch,
            run.CommitSha,
            run.CommitSha[..7],
            run.PullRequest,
            run.Platform,
            run.RunErrors,
            run.TriggeredBy,
            IsoTime.Seconds(run.CreatedAt),
            IsoTime.Seconds(run.QueuedAt),
            IsoTime.Seconds(started),
            IsoTime.Seconds(completed),
            duration,
            new CcLinks(self, self + "/summary", $"https://sampleplatform.ccextractor.org/test/{run.RunId}"));
    }

    public static CcRunCurrentCodeResponse ToCurrentCodeResponse(CcRunPlan run, DateTimeOffset now)
    {
        var (started, completed) = VisibleTimes(run, now);
        var link = run.PullRequest is { } pr
            ? $"https://github.com/{run.Repository}/pull/{pr}"
            : $"https://github.com/{run.Repository}/commit/{run.CommitSha}";
        return new CcRunCurrentCodeResponse(
            run.RunId,
            StatusAt(run, now),
            run.Repository,
            run.Branch,
            run.CommitSha,
            run.PullRequest,
            run.Platform,
            IsoTime.Seconds(run.CreatedAt),
            IsoTime.Seconds(run.QueuedAt),
            IsoTime.Seconds(started),
            IsoTime.Seconds(completed),
            run.PullRequest is null ? "commit" : "pr",
            run.PullRequest,
            link);
    }

    public static CcSummaryResponse ToSummary(CcRunPlan run, DateTimeOffset now)
    {
        var progress = ProgressAt(run, now);
        var c = run.Counts;
        int Part(int value) => (int)Math.Floor(value * progress);
        int pass = Part(c.Pass), fail = Part(c.Fail), skipped = Part(c.Skipped), error = Part(c.Error);
        var total = pass + fail + skipped + error;
        long? duration = total == 0 ? null : (long)Math.Floor(c.TestDurationMs * progress);
        return new CcSummaryResponse(run.RunId, total, pass, fail, skipped, Part(c.MissingOutput), error, duration, run.TriggeredBy);
    }

    public static CcSummaryCurrentCodeResponse ToCurrentCodeSummary(CcRunPlan run, DateTimeOffset now)
    {
        var s = ToSummary(run, now);
        return new CcSummaryCurrentCodeResponse(
            s.RunId, StatusAt(run, now), s.TotalSamples, s.PassCount, s.FailCount, s.SkippedCount, s.MissingOutputCount, s.ErrorCount, s.DurationMs, s.TriggeredBy);
    }

    private static (DateTimeOffset? Started, DateTimeOffset? Completed) VisibleTimes(CcRunPlan run, DateTimeOffset now) =>
        (run.StartedAt is { } s && now >= s ? s : null, run.CompletedAt is { } c && now >= c ? c : null);

    private static List<CcRunPlan> Generate(SeededRandom random, DateTimeOffset anchor)
    {
        var runs = new List<CcRunPlan>(HistoricalCount + LiveCount);
        var span = TimeSpan.FromDays(45);
        var first = SimulatorDefaults.SeedEpoch - span;
        for (var id = 1; id <= HistoricalCount; id++)
        {
            var created = first + (span * (id - 1) / HistoricalCount) + random.Seconds(0, 3600);
            var kind = ForcedKind(id) ?? random.Weighted<CcKind>(
            [
                (CcKind.Pass, 45), (CcKind.Fail, 25), (CcKind.CanceledInfrastructure, 6), (CcKind.CanceledExplicit, 4),
                (CcKind.Error, 6), (CcKind.PassedLong, 5), (CcKind.FailedLong, 5), (CcKind.Incomplete, 4),
            ]);
            var queueWait = random.Seconds(5, 600);
            var runTime = kind is CcKind.Error ? random.Seconds(60, 180) : random.Seconds(8 * 60, 40 * 60);
            DateTimeOffset? started = created + queueWait;
            DateTimeOffset? completed = started + runTime;
            if (kind == CcKind.Incomplete)
            {
                completed = null;
            }
            else if (kind == CcKind.CanceledExplicit && random.Chance(0.3))
            {
                // Canceled while still queued: never started, no results.
                started = null;
                completed = created + queueWait;
            }

            runs.Add(Build(random, id, kind, created, started, completed, currentCodeShape: id % 10 == 3 || id == 10));
        }

        for (var j = 0; j < LiveCount; j++)
        {
            var id = HistoricalCount + 1 + j;
            var created = anchor - random.Seconds(30, 900);
            var kind = random.Weighted<CcKind>([(CcKind.Pass, 50), (CcKind.Fail, 30), (CcKind.CanceledInfrastructure, 10), (CcKind.Error, 10)]);
            DateTimeOffset started;
            DateTimeOffset completed;
            switch (j % 4)
            {
                case 0: // still queued at start-up
                    started = anchor + random.Seconds(20, 300);
                    completed = started + random.Seconds(3 * 60, 15 * 60);
                    break;
                case 3: // a long run
                    started = created + random.Seconds(5, 30);
                    completed = anchor + random.Seconds(30 * 60, 120 * 60);
                    break;
                default:
                    started = created + random.Seconds(5, 30);
                    completed = anchor + random.Seconds(60, 20 * 60);
                    break;
            }

            runs.Add(Build(random, id, kind, created, started, completed, currentCodeShape: j % 10 == 5));
        }

        return runs;
    }

    private static CcKind? ForcedKind(int id) => id switch
    {
        1 => CcKind.Pass,
        2 => CcKind.Fail,
        3 => CcKind.Pass,
        4 => CcKind.CanceledInfrastructure,
        5 => CcKind.CanceledExplicit,
        6 => CcKind.Error,
        7 => CcKind.PassedLong,
        8 => CcKind.FailedLong,
        9 => CcKind.Incomplete,
        10 => CcKind.Fail,
        42 => CcKind.CanceledInfrastructure,
        _ => null,
    };

    private static CcRunPlan Build(
        SeededRandom random, int id, CcKind kind, DateTimeOffset created, DateTimeOffset? started, DateTimeOffset? completed, bool currentCodeShape)
    {
        var platform = random.Chance(0.6) ? "linux" : "windows";
        int? pullRequest = random.Chance(0.4) ? random.Next(1500, 1800) : null;
        var branch = pullRequest is null ? "master" : random.Chance(0.5) ? random.Pick(HeadBranches) : null;
        var triggeredBy = pullRequest is not null ? "github_webhook" : random.Weighted<string?>(
            [("github_webhook", 60), ("manual:canihavesomecoffee", 25), (null, 15)]);
        var total = random.Next(180, 241);
        var runErrors = string.Empty;
        CcCounts counts;
        switch (kind)
        {
            case CcKind.Pass or CcKind.PassedLong:
            {
                var skipped = random.Next(0, 6);
                counts = new CcCounts(total - skipped, 0, skipped, 0, 0, 0);
                break;
            }

            case CcKind.Fail or CcKind.FailedLong:
            {
                var fail = random.Next(1, 26);
                var missing = id == 2 ? Math.Min(fail, 3) : random.Chance(0.4) ? random.Next(1, Math.Min(fail, 3) + 1) : 0;
                var error = random.Next(0, 3);
                var skipped = random.Next(0, 6);
                counts = new CcCounts(total - fail - error - skipped, fail, skipped, missing, error, 0);
                break;
            }

            case CcKind.CanceledInfrastructure:
            {
                runErrors = string.Format(System.Globalization.CultureInfo.InvariantCulture, random.Pick(InfrastructureErrors), platform);
                var executed = total * random.Next(20, 71) / 100;
                var missing = random.Next(3, 13);
                var fail = missing + random.Next(0, 6);
                counts = new CcCounts(executed - fail, fail, 0, missing, 0, 0);
                break;
            }

            case CcKind.CanceledExplicit:
            {
                var executed = started is null ? 0 : total * random.Next(10, 61) / 100;
                var fail = Math.Min(executed, random.Next(0, 6));
                counts = new CcCounts(executed - fail, fail, 0, 0, 0, 0);
                break;
            }

            case CcKind.Error:
                runErrors = "No test results were recorded: the test runner crashed before the first sample (exit code 139).";
                counts = new CcCounts(0, 0, 0, 0, 0, 0);
                break;

            default: // Incomplete
            {
                var executed = total * random.Next(30, 81) / 100;
                var fail = random.Next(0, 6);
                counts = new CcCounts(executed - fail, fail, 0, 0, 0, 0);
                break;
            }
        }

        var executedSamples = counts.Pass + counts.Fail + counts.Skipped + counts.Error;
        counts = counts with { TestDurationMs = (long)executedSamples * random.Next(900, 4200) };
        var status = kind switch
        {
            CcKind.Pass => "pass",
            CcKind.Fail => "fail",
            CcKind.PassedLong => "passed",
            CcKind.FailedLong => "failed",
            CcKind.CanceledInfrastructure or CcKind.CanceledExplicit => "canceled",
            CcKind.Error => "error",
            _ => "incomplete",
        };
        return new CcRunPlan(
            id, Repository, branch, random.Hex(40), pullRequest, platform, runErrors, triggeredBy, currentCodeShape, status,
            created, created, started, completed, counts);
    }

    private enum CcKind
    {
        Pass,
        Fail,
        PassedLong,
        FailedLong,
        CanceledInfrastructure,
        CanceledExplicit,
        Error,
        Incomplete,
    }
}
