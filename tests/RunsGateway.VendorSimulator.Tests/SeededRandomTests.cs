using RunsGateway.VendorSimulator.Infrastructure;
using RunsGateway.VendorSimulator.Tests.Infrastructure;

namespace RunsGateway.VendorSimulator.Tests;

public sealed class SeededRandomTests
{
    [Fact]
    public void Next_SameSeed_GivesTheSameSequence()
    {
        var first = new SeededRandom(42);
        var second = new SeededRandom(42);

        var a = Enumerable.Range(0, 100).Select(_ => first.Next(1000)).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => second.Next(1000)).ToList();

        b.ShouldBe(a);
        a.Distinct().Count().ShouldBeGreaterThan(50);
    }

    [Fact]
    public void NextULong_KnownSeed_MatchesTheSplitMix64ReferenceValue()
    {
        // First output of SplitMix64 seeded with 0, as published with the algorithm (Vigna, prng.di.unimi.it).
        new SeededRandom(0).NextULong().ShouldBe(0xE220A8397B1DCDAFUL);
    }

    [Fact]
    public void Weighted_ZeroWeight_IsNeverPicked()
    {
        var random = new SeededRandom(7);

        var picks = Enumerable.Range(0, 500).Select(_ => random.Weighted<string>([("a", 1), ("never", 0), ("b", 3)])).ToList();

        picks.ShouldNotContain("never");
        picks.Count(p => p == "b").ShouldBeGreaterThan(picks.Count(p => p == "a"));
    }

    [Fact]
    public async Task Seed_SameSeedAndStart_ProducesIdenticalData()
    {
        await using var first = await SimulatorHost.StartAsync();
        await using var second = await SimulatorHost.StartAsync();

        var firstRuns = (await first.RunsAsync()).ToJsonString();
        (await second.RunsAsync()).ToJsonString().ShouldBe(firstRuns);
        foreach (var path in await SamplePathsAsync(first))
        {
            (await (await first.GetAsync(path.Path, path.Headers)).TextAsync())
                .ShouldBe(await (await second.GetAsync(path.Path, path.Headers)).TextAsync(), path.Path);
        }
    }

    [Fact]
    public async Task Seed_FinishedRuns_DoNotDependOnWhenTheSimulatorStarts()
    {
        await using var early = await SimulatorHost.StartAsync();
        await using var late = await SimulatorHost.StartAsync(time: new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddDays(40).AddSeconds(17)));

        foreach (var path in await SamplePathsAsync(early))
        {
            (await (await early.GetAsync(path.Path, path.Headers)).TextAsync())
                .ShouldBe(await (await late.GetAsync(path.Path, path.Headers)).TextAsync(), path.Path);
        }
    }

    [Fact]
    public async Task Seed_DifferentSeed_ProducesDifferentData()
    {
        await using var standard = await SimulatorHost.StartAsync();
        await using var other = await SimulatorHost.StartAsync(new Dictionary<string, string?> { ["Simulator:Seed"] = "7" });

        (await other.RunsAsync("crewship")).ToJsonString().ShouldNotBe((await standard.RunsAsync("crewship")).ToJsonString());
    }

    /// <summary>Finished runs of every vendor (the first five of each final status).</summary>
    private static async Task<List<(string Path, (string, string)[] Headers)>> SamplePathsAsync(SimulatorHost host)
    {
        var paths = new List<(string, (string, string)[])>();
        foreach (var status in new[] { "pass", "fail", "canceled", "error" })
        {
            foreach (var run in (await host.RunsAsync("ccextractor", status)).Take(5))
            {
                var id = run!["runId"]!.GetValue<string>();
                paths.Add(($"ccextractor/api/v1/runs/{id}", [SimulatorHost.Bearer(SimulatorDefaults.CcExtractorToken)]));
                paths.Add(($"ccextractor/api/v1/runs/{id}/summary", [SimulatorHost.Bearer(SimulatorDefaults.CcExtractorToken)]));
            }
        }

        foreach (var status in new[] { "passed", "failed", "timedOut", "interrupted" })
        {
            foreach (var run in (await host.RunsAsync("neetoplaydash", status)).Take(5))
            {
                paths.Add(($"neetoplaydash/api/external/v1/projects/{run!["project"]}/runs/{run["runId"]}?page_size=100", [SimulatorHost.ApiKey(SimulatorDefaults.NeetoPlaydashApiKey)]));
            }
        }

        foreach (var status in new[] { "passed", "failed" })
        {
            foreach (var run in (await host.RunsAsync("testvibe", status)).Take(5))
            {
                paths.Add(($"testvibe/api/v1/ops/projects/{run!["project"]}/runs/{run["runId"]}", [SimulatorHost.Bearer(SimulatorDefaults.TestVibeApiKey)]));
            }
        }

        foreach (var status in new[] { "succeeded", "failed", "canceled" })
        {
            foreach (var run in (await host.RunsAsync("crewship", status)).Take(5))
            {
                paths.Add(($"crewship/v1/runs/{run!["runId"]}", [SimulatorHost.Bearer(SimulatorDefaults.CrewshipApiKey)]));
            }
        }

        return paths;
    }
}
