namespace RunsGateway.GraphQL.Execution;

/// <summary>A response path, linked from leaf to root (immutable except while a pooled resolver context is re-rented).</summary>
internal class PathSegment
{
    public PathSegment(PathSegment? parent, string key)
    {
        ParentSegment = parent;
        Key = key;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    public PathSegment(PathSegment? parent, int index)
    {
        ParentSegment = parent;
        Index = index;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    public PathSegment? ParentSegment { get; private set; }

    /// <summary>The response key, or null for a list index.</summary>
    public string? Key { get; private set; }

    public int Index { get; }

    public int Depth { get; private set; }

    protected void Reset(PathSegment? parent, string key)
    {
        ParentSegment = parent;
        Key = key;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    public static IReadOnlyList<object> ToList(PathSegment? path)
    {
        if (path is null)
        {
            return [];
        }

        var items = new object[path.Depth];
        for (var node = path; node is not null; node = node.ParentSegment)
        {
            items[node.Depth - 1] = node.Key ?? (object)node.Index;
        }

        return items;
    }
}
