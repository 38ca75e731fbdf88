using System.Runtime.CompilerServices;
using RunsGateway.Core;
using RunsGateway.Ids;

namespace RunsGateway.Schema;

/// <summary>A spec as the GraphQL layer serves it (type <c>Spec</c>): with the run it belongs to, for its global id.</summary>
internal sealed record SpecNode(RunRef Run, Spec Spec)
{
    public string Id => GlobalId.ForSpec(Run, Spec.Id);

    public string Name => Spec.Name;

    public string? FilePath => Spec.FilePath;
}

/// <summary>A test as the GraphQL layer serves it (type <c>Test</c>): with its run and spec, for its global id.</summary>
internal sealed record TestNode(RunRef Run, string SpecId, Test Test)
{
    // A loaded test's id is encoded once and kept beside it (for as long as the test is loaded), not once per selection: 150 aliases
    // of `tests` would otherwise encode 150 ids per test, two thirds of what such a request allocates.
    private static readonly ConditionalWeakTable<Test, EncodedId> Ids = new();

    public string Id
    {
        get
        {
            if (Ids.TryGetValue(Test, out var encoded) && encoded.Run == Run && encoded.SpecId == SpecId)
            {
                return encoded.Id;
            }

            var id = GlobalId.ForTest(Run, SpecId, Test.Id);
            Ids.AddOrUpdate(Test, new EncodedId(Run, SpecId, id));
            return id;
        }
    }

    public string Name => Test.Name;

    public TestStatus Status => Test.Status;

    public string RawStatus => Test.RawStatus;

    public bool Flaky => Test.Flaky;

    public FailureKind? FailureKind => Test.FailureKind;

    public long? DurationMs => Test.DurationMs;

    public string? Message => Test.Message;

    /// <summary>Null when there is no message, as the schema says.</summary>
    public bool? MessageTruncated => Test.Message is null ? null : Test.MessageTruncated;
}

/// <summary>A test's encoded global id and the run and spec it was encoded for.</summary>
internal sealed record EncodedId(RunRef Run, string SpecId, string Id);

/// <summary>The <c>RunRef</c> input object.</summary>
internal sealed record RunRefInput(Vendor Vendor, string RunId, string? Project);

/// <summary>A page of specs (type <c>SpecConnection</c>, Relay connection).</summary>
internal sealed record SpecConnection(IReadOnlyList<SpecEdge> Edges, PageInfo PageInfo, int? TotalCount)
{
    public IReadOnlyList<SpecNode> Nodes => [.. Edges.Select(e => e.Node)];
}

/// <summary>A spec and its cursor.</summary>
internal sealed record SpecEdge(string Cursor, SpecNode Node);

/// <summary>Relay paging information.</summary>
internal sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
