using RunsGateway.Core;

namespace RunsGateway.Schema;

/// <summary>A spec as the GraphQL layer serves it: with the run it belongs to, for its global id.</summary>
internal sealed record SpecNode(RunRef Run, Spec Spec);

/// <summary>A test as the GraphQL layer serves it: with its run and spec, for its global id.</summary>
internal sealed record TestNode(RunRef Run, string SpecId, Test Test);

/// <summary>A page of specs (Relay connection).</summary>
internal sealed record SpecConnection(IReadOnlyList<SpecEdge> Edges, PageInfo PageInfo, int? TotalCount)
{
    public IReadOnlyList<SpecNode> Nodes => [.. Edges.Select(e => e.Node)];
}

/// <summary>A spec and its cursor.</summary>
internal sealed record SpecEdge(string Cursor, SpecNode Node);

/// <summary>Relay paging information.</summary>
internal sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
