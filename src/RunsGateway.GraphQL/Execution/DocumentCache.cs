using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Execution;

/// <summary>A parsed and validated document with what the executor derives from it once.</summary>
internal sealed class CachedDocument
{
    private FieldCollector? _sharedCollector;

    public CachedDocument(DocumentNode document)
    {
        Document = document;
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        var operations = new List<OperationDefinitionNode>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case FragmentDefinitionNode fragment:
                    fragments.TryAdd(fragment.Name.Value, fragment);
                    break;
                case OperationDefinitionNode operation:
                    operations.Add(operation);
                    break;
            }
        }

        Fragments = fragments;
        Operations = operations;
        HasVariableConditionals = HasConditionalVariables(document);
        Metrics = OperationMetrics.Measure(operations, fragments);
    }

    public DocumentNode Document { get; }

    /// <summary>The validation errors; set once before the document is cached.</summary>
    public IReadOnlyList<GraphQLError> ValidationErrors { get; set; } = [];

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; }

    public IReadOnlyList<OperationDefinitionNode> Operations { get; }

    /// <summary>Whether some <c>@skip</c>/<c>@include</c> reads a variable (field collection then varies per request).</summary>
    public bool HasVariableConditionals { get; }

    public IReadOnlyDictionary<OperationDefinitionNode, OperationMetrics> Metrics { get; }

    /// <summary>A field collector shared by all requests; only valid when <see cref="HasVariableConditionals"/> is false.</summary>
    public FieldCollector GetSharedCollector(Schema schema)
    {
        var collector = Volatile.Read(ref _sharedCollector);
        if (collector is null)
        {
            Interlocked.CompareExchange(ref _sharedCollector, new FieldCollector(schema, Fragments, new Dictionary<string, object?>()), null);
            collector = _sharedCollector;
        }

        return collector!;
    }

    private static bool HasConditionalVariables(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is ExecutableDefinitionNode executable && HasConditionalVariables(executable.SelectionSet))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasConditionalVariables(SelectionSetNode set)
    {
        foreach (var selection in set.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                if (directive.Name.Value is "skip" or "include" && directive.Arguments.Any(a => FieldCollector.ContainsVariable(a.Value)))
                {
                    return true;
                }
            }

            var child = selection switch
            {
                FieldNode field => field.SelectionSet,
                InlineFragmentNode inline => inline.SelectionSet,
                _ => null,
            };
            if (child is not null && HasConditionalVariables(child))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A bounded least-recently-used cache of documents keyed by their text.</summary>
internal sealed class DocumentCache(int capacity)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, CachedDocument>>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, CachedDocument>> _recency = new();

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string text, out CachedDocument document)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(text, out var node))
            {
                if (node != _recency.First)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                }

                document = node.Value.Value;
                return true;
            }
        }

        document = null!;
        return false;
    }

    public CachedDocument Add(string text, CachedDocument document)
    {
        if (capacity <= 0)
        {
            return document;
        }

        lock (_sync)
        {
            if (_entries.TryGetValue(text, out var existing))
            {
                return existing.Value.Value;
            }

            _entries[text] = _recency.AddFirst(new KeyValuePair<string, CachedDocument>(text, document));
            if (_entries.Count > capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
            }

            return document;
        }
    }
}

/// <summary>The size of an operation with fragments expanded: field nesting depth, selected fields and introspection use.</summary>
internal sealed record OperationMetrics(int Depth, long FieldCount, bool UsesIntrospection)
{
    public static IReadOnlyDictionary<OperationDefinitionNode, OperationMetrics> Measure(
        IReadOnlyList<OperationDefinitionNode> operations,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments)
    {
        var memo = new Dictionary<string, (int Depth, long Count)>(StringComparer.Ordinal);
        var active = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<OperationDefinitionNode, OperationMetrics>(ReferenceEqualityComparer.Instance);
        foreach (var operation in operations)
        {
            var (depth, count) = MeasureSet(operation.SelectionSet, fragments, memo, active);
            var usesIntrospection = SelectsIntrospection(operation.SelectionSet, fragments, new HashSet<string>(StringComparer.Ordinal));
            result[operation] = new OperationMetrics(depth, count, usesIntrospection);
        }

        return result;
    }

    private static (int Depth, long Count) MeasureSet(
        SelectionSetNode set,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        Dictionary<string, (int Depth, long Count)> memo,
        HashSet<string> active)
    {
        var depth = 0;
        long count = 0;
        foreach (var selection in set.Selections)
        {
            (int Depth, long Count) inner;
            switch (selection)
            {
                case FieldNode field:
                    inner = field.SelectionSet is null ? (0, 0) : MeasureSet(field.SelectionSet, fragments, memo, active);
                    depth = Math.Max(depth, inner.Depth + 1);
                    count = SaturatingAdd(count, SaturatingAdd(inner.Count, 1));
                    break;
                case InlineFragmentNode inline:
                    inner = MeasureSet(inline.SelectionSet, fragments, memo, active);
                    depth = Math.Max(depth, inner.Depth);
                    count = SaturatingAdd(count, inner.Count);
                    break;
                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    if (!memo.TryGetValue(name, out inner))
                    {
                        // A cycle (rejected later by validation) counts as nothing instead of recursing forever.
                        if (!fragments.TryGetValue(name, out var fragment) || !active.Add(name))
                        {
                            break;
                        }

                        inner = MeasureSet(fragment.SelectionSet, fragments, memo, active);
                        active.Remove(name);
                        memo[name] = inner;
                    }

                    depth = Math.Max(depth, inner.Depth);
                    count = SaturatingAdd(count, inner.Count);
                    break;
            }
        }

        return (depth, count);
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static bool SelectsIntrospection(SelectionSetNode set, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field when IntrospectionFields.IsIntrospectionField(field.Name.Value):
                    return true;
                case InlineFragmentNode inline when SelectsIntrospection(inline.SelectionSet, fragments, visited):
                    return true;
                case FragmentSpreadNode spread when visited.Add(spread.Name.Value)
                    && fragments.TryGetValue(spread.Name.Value, out var fragment)
                    && SelectsIntrospection(fragment.SelectionSet, fragments, visited):
                    return true;
            }
        }

        return false;
    }
}
