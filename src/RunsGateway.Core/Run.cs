using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunsGateway.Core;

/// <summary>One run of any vendor in the unified model. Its identity is <see cref="Ref"/> (vendor + project + run id).</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record Run
{
    /// <summary>The run's identity: vendor, project and run id.</summary>
    public required RunRef Ref { get; init; }

    /// <summary>The vendor (from <see cref="Ref"/>).</summary>
    [JsonIgnore]
    public Vendor Vendor => Ref.Vendor;

    /// <summary>The vendor's run id (from <see cref="Ref"/>).</summary>
    [JsonIgnore]
    public string RunId => Ref.RunId;

    /// <summary>The project (from <see cref="Ref"/>); null for CCExtractor and Crewship.</summary>
    [JsonIgnore]
    public string? Project => Ref.Project;

    /// <summary>A human name where the vendor has one (TestVibe <c>featureName</c>); null otherwise.</summary>
    public string? Name { get; init; }

    /// <summary>Lifecycle state mapped from the vendor status.</summary>
    public required RunState State { get; init; }

    /// <summary>Outcome so far mapped from the vendor status.</summary>
    public required RunResult Result { get; init; }

    /// <summary>The vendor's own status value, unchanged.</summary>
    public required string RawStatus { get; init; }

    /// <summary>Whether <see cref="State"/> is <see cref="RunState.Finished"/>.</summary>
    [JsonIgnore]
    public bool IsFinished => State == RunState.Finished;

    /// <summary>
    /// Whether the run is finished by the vendor's stricter rule (vendor-mapping.md, "When a run is finished"; see <see cref="FinishedRules"/>),
    /// so it — with its summary, specs and tests — may be cached.
    /// </summary>
    public bool IsCacheable { get; init; }

    /// <summary>When the run was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the run was queued (CCExtractor only).</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>When execution started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run completed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Run duration in whole milliseconds (vendor value, or derived; see <see cref="IsDurationDerived"/>).</summary>
    public long? DurationMs { get; init; }

    /// <summary>True when <see cref="DurationMs"/> was computed as <c>completedAt − startedAt</c> because the vendor gives no run duration.</summary>
    public bool IsDurationDerived { get; init; }

    /// <summary>The repository (CCExtractor).</summary>
    public string? Repository { get; init; }

    /// <summary>The branch.</summary>
    public string? Branch { get; init; }

    /// <summary>The commit SHA.</summary>
    public string? CommitSha { get; init; }

    /// <summary>The commit message (NeetoPlaydash <c>commit_name</c>).</summary>
    public string? CommitMessage { get; init; }

    /// <summary>The commit author (NeetoPlaydash).</summary>
    public string? Author { get; init; }

    /// <summary>The pull request number (CCExtractor <c>pull_request</c>, or <c>pr_number</c> in the platform's current shape).</summary>
    public int? PullRequest { get; init; }

    /// <summary>The platform the run executed on (CCExtractor).</summary>
    public string? Platform { get; init; }

    /// <summary>The CI build id (NeetoPlaydash <c>ci_build_id</c>).</summary>
    public string? CiBuildId { get; init; }

    /// <summary>Number of shards (NeetoPlaydash <c>total_shards</c>).</summary>
    public int? Shards { get; init; }

    /// <summary>Who or what triggered the run (CCExtractor).</summary>
    public string? TriggeredBy { get; init; }

    /// <summary>Tags (NeetoPlaydash); empty when the vendor has none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The run-level error (CCExtractor <c>run_errors</c>, Crewship <c>error_message</c>).</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Trimmed runner output (TestVibe <c>log</c>, at most 4,000 characters).</summary>
    public string? Log { get; init; }

    /// <summary>The run's input object (Crewship).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The run's output object (Crewship, only when succeeded).</summary>
    public JsonElement? Output { get; init; }

    /// <summary>A link to the run in the vendor's own UI or code host, where the vendor gives one (CCExtractor <c>github_link</c>).</summary>
    public Uri? WebUrl { get; init; }

    /// <summary>Vendor-specific extras that have no unified field (e.g. Crewship <c>version_id</c>, TestVibe <c>siteUrl</c>), by vendor field name.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The summary when the vendor delivers it with the run (NeetoPlaydash, TestVibe) — or null when the vendor has none (Crewship).
    /// Meaningful only when <see cref="SummaryIncluded"/> is true; CCExtractor's summary is a separate call (<see cref="IRunSource.GetSummariesAsync"/>).
    /// </summary>
    public Summary? Summary { get; init; }

    /// <summary>Whether <see cref="Summary"/> is authoritative (true for every vendor except CCExtractor).</summary>
    public bool SummaryIncluded { get; init; }

    /// <summary>
    /// The first page of specs, unfiltered, as delivered with the run: NeetoPlaydash page 1 of size <see cref="SpecPage.UpstreamPageSize"/>,
    /// TestVibe its single feature spec, and an empty final page for CCExtractor and Crewship.
    /// </summary>
    public required SpecPage FirstSpecPage { get; init; }

    /// <summary>Artifacts uploaded with the run (TestVibe); empty otherwise.</summary>
    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];
}
