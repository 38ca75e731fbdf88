using Microsoft.Extensions.Options;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.Crewship;

/// <summary>The seeded Crewship runs (300) and their state at a simulated instant.</summary>
internal sealed class CrewshipStore
{
    public const int HistoricalCount = 270;
    public const int LiveCount = 30;

    /// <summary>The documented example's run: succeeded.</summary>
    public const string ExampleRunId = "run_xyz789abc";

    private static readonly string[] Topics =
        ["AI agents", "Vector databases", "Rust async runtimes", "EU AI Act", "Solid-state batteries", "Remote work trends", "Quantum error correction", "Open-source LLM licensing"];

    private static readonly string[] Audiences = ["executives", "engineers", "students"];
    private static readonly string[] SectionTitles = ["Overview", "Key findings", "Risks", "Recommendations", "Sources"];

    private static readonly string[] ErrorMessages =
    [
        "OpenAI API rate limit exceeded",
        "Agent 'researcher' exceeded the maximum of 25 iterations",
        "Tool 'web_search' timed out after 60s",
        "Crew kickoff failed: missing required input 'topic'",
        "Container exited with code 137 (out of memory)",
    ];

    private readonly Dictionary<string, CrewRunPlan> _byId;

    public CrewshipStore(SimulatorClock clock, IOptions<VendorSimulatorOptions> options)
    {
        Runs = Generate(new SeededRandom((ulong)options.Value.Seed ^ 0xC3E5UL), clock.Anchor);
        _byId = Runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<CrewRunPlan> Runs { get; }

    public CrewRunPlan? Find(string id) => _byId.GetValueOrDefault(id);

    public static string StatusAt(CrewRunPlan run, DateTimeOffset now)
    {
        if (now >= run.CompletedAt)
        {
            return run.FinalStatus;
        }

        return run.StartedAt is { } started && now >= started ? "running" : "pending";
    }

    public static CrewRunResponse ToResponse(CrewRunPlan run, DateTimeOffset now)
    {
        var status = StatusAt(run, now);
        var finished = now >= run.CompletedAt;
        return new CrewRunResponse(
            run.Id,
            run.VersionId,
            run.DeploymentId,
            status,
            run.Input,
            status == "succeeded" ? run.Output : null,
            status == "failed" ? run.ErrorMessage : null,
            IsoTime.Seconds(run.CreatedAt),
            run.StartedAt is { } s && now >= s ? IsoTime.Seconds(s) : null,
            finished ? IsoTime.Seconds(run.CompletedAt) : null);
    }

    private static List<CrewRunPlan> Generate(SeededRandom random, DateTimeOffset anchor)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { ExampleRunId };
        string NewId(string prefix)
        {
            string id;
            do
            {
                id = prefix + random.LettersAndDigits(9);
            }
            while (!ids.Add(id));
            return id;
        }

        var deployments = new List<(string Deployment, string[] Versions)> { ("dep_abc123xyz", ["ver_abc123xyz", NewId("ver_")]) };
        for (var d = 0; d < 3; d++)
        {
            deployments.Add((NewId("dep_"), [.. Enumerable.Range(0, random.Next(2, 4)).Select(_ => NewId("ver_"))]));
        }

        var runs = new List<CrewRunPlan>(HistoricalCount + LiveCount);
        var span = TimeSpan.FromDays(45);
        for (var i = 0; i < HistoricalCount + LiveCount; i++)
        {
            var live = i >= HistoricalCount;
            var status = i switch
            {
                0 => "succeeded",
                1 => "failed",
                2 => "canceled",
                _ when live => random.Weighted<string>([("succeeded", 60), ("failed", 25), ("canceled", 15)]),
                _ => random.Weighted<string>([("succeeded", 55), ("failed", 25), ("canceled", 20)]),
            };
            var (deployment, versions) = i == 0 ? deployments[0] : random.Pick(deployments);
            var version = i == 0 ? versions[0] : random.Pick(versions);
            var topic = i == 0 ? "AI agents" : random.Pick(Topics);
            var input = new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = topic };
            if (i != 0 && random.Chance(0.4))
            {
                input["audience"] = random.Pick(Audiences);
            }

            DateTimeOffset created;
            DateTimeOffset? started;
            DateTimeOffset completed;
            if (!live)
            {
                created = SimulatorDefaults.SeedEpoch - span + (span * i / HistoricalCount) + random.Seconds(0, 3600);
                started = created + random.Seconds(1, 10);
                completed = status switch
                {
                    "succeeded" => started.Value + random.Seconds(20, 300),
                    "failed" => started.Value + random.Seconds(2, 120),
                    _ => started.Value + random.Seconds(5, 200),
                };
                if (status == "canceled" && random.Chance(0.4))
                {
                    // Canceled while still pending: it never started.
                    started = null;
                    completed = created + random.Seconds(5, 120);
                }
            }
            else if (i % 3 == 0)
            {
                created = anchor - random.Seconds(5, 60);
                started = anchor + random.Seconds(10, 180);
                completed = started.Value + random.Seconds(30, 900);
            }
            else
            {
                created = anchor - random.Seconds(10, 300);
                started = created + random.Seconds(1, 10);
                completed = anchor + (i >= HistoricalCount + LiveCount - 3 ? random.Seconds(3600, 7200) : random.Seconds(30, 900));
            }

            var output = status == "succeeded" ? Output(random, topic, structured: i != 0) : null;
            var error = status == "failed" ? (i == 1 ? ErrorMessages[0] : random.Pick(ErrorMessages)) : null;
            runs.Add(new CrewRunPlan(i == 0 ? ExampleRunId : NewId("run_"), version, deployment, status, input, output, error, created, started, completed));
        }

        return runs;
    }

    private static CrewOutput Output(SeededRandom random, string topic, bool structured)
    {
        var result = $"Generated report about {topic}...";
        if (!structured || random.Chance(0.3))
        {
            return new CrewOutput(result, null, null);
        }

        var sections = SectionTitles.Take(random.Next(2, SectionTitles.Length + 1))
            .Select(title => new CrewOutputSection(title, $"{title} for {topic}: {random.Next(3, 9)} points drafted by the writer agent and checked by the reviewer."))
            .ToList();
        var prompt = random.Next(1_000, 40_000);
        var completion = random.Next(500, 8_000);
        return new CrewOutput(result, sections, new CrewTokenUsage(prompt, completion, prompt + completion));
    }
}
