using System.Text.Json;
using System.Text.Json.Serialization;
using RunsGateway.Core;
using RunsGateway.Vendors.Tests.TestSupport;

namespace RunsGateway.Vendors.Tests.Core;

/// <summary>The Core records survive a source-generated JSON round trip, as the gateway's cache of finished runs needs.</summary>
public sealed partial class RunSerializationTests
{
    [Fact]
    public void RunWithParts_SourceGeneratedRoundTrip_KeepsEveryField()
    {
        var runRef = VendorHarness.Ref(Vendor.Crewship, "run_1");
        var test = new Test { Id = "t1", SpecId = "s1", Name = "n", Status = TestStatus.Failed, RawStatus = "timed_out", FailureKind = FailureKind.TimedOut, DurationMs = 5, MessageTruncated = true, Message = "m" };
        var spec = new Spec("s1", "a.spec.ts", "a.spec.ts", [test]);
        var run = new Run
        {
            Ref = runRef,
            State = RunState.Finished,
            Result = RunResult.Failed,
            RawStatus = "failed",
            IsCacheable = true,
            CompletedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            DurationMs = 3_000_000_000,
            Tags = ["a", "b"],
            Input = JsonDocument.Parse("""{"topic":"AI agents"}""").RootElement.Clone(),
            WebUrl = new Uri("https://example.test/run"),
            Attributes = new Dictionary<string, string> { ["version_id"] = "ver_1" },
            Summary = new Summary { Total = 3, Passed = 1, Failed = 2, IsFinal = true },
            SummaryIncluded = true,
            FirstSpecPage = new SpecPage([spec], 1, 100, 1, false),
            Artifacts = [new Artifact("trace", "t.zip", 5_000_000_000)],
        };
        var cached = new RunWithParts(run, run.Summary, [spec]);

        var json = JsonSerializer.Serialize(cached, CacheJsonContext.Default.RunWithParts);
        var back = JsonSerializer.Deserialize(json, CacheJsonContext.Default.RunWithParts)!;

        back.Run.Ref.ShouldBe(runRef);
        back.Run.Vendor.ShouldBe(Vendor.Crewship);
        back.Run.State.ShouldBe(RunState.Finished);
        back.Run.DurationMs.ShouldBe(3_000_000_000);
        back.Run.Tags.ShouldBe(["a", "b"]);
        back.Run.Input!.Value.GetProperty("topic").GetString().ShouldBe("AI agents");
        back.Run.Output.ShouldBeNull();
        back.Run.WebUrl.ShouldBe(run.WebUrl);
        back.Run.Attributes["version_id"].ShouldBe("ver_1");
        back.Run.Artifacts.ShouldBe(run.Artifacts);
        back.Summary.ShouldBe(run.Summary);
        back.Specs.ShouldHaveSingleItem().Tests.ShouldHaveSingleItem().ShouldBe(test);
        json.ShouldNotContain("\"IsFinished\"");
    }

    /// <summary>A run with its summary and specs, the parts the gateway caches separately.</summary>
    internal sealed record RunWithParts(Run Run, Summary? Summary, IReadOnlyList<Spec> Specs);

    [JsonSerializable(typeof(RunWithParts))]
    internal sealed partial class CacheJsonContext : JsonSerializerContext;
}
