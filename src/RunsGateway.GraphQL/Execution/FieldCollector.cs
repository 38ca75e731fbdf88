using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Execution;

/// <summary>The collected fields of a selection set for one object type (spec CollectFields), in response order.</summary>
internal sealed class SelectionPlan(string[] keys, FieldSelection[] fields)
{
    public string[] Keys { get; } = keys;

    /// <summary>The keys as JSON property names, encoded once per plan instead of on every response written.</summary>
    public System.Text.Json.JsonEncodedText[] EncodedKeys { get; } = [.. keys.Select(k => System.Text.Json.JsonEncodedText.Encode(k))];

    public FieldSelection[] Fields { get; } = fields;
}

/// <summary>A field set: the field nodes merged under one response key, plus caches for its sub-selections.</summary>
internal sealed class FieldSelection
{
    private readonly Lock _sync = new();
    private SubPlan? _lastSubPlan;
    private Dictionary<ObjectType, SelectionPlan>? _subPlans;
    private IReadOnlyList<SourceLocation>? _locations;
    private IReadOnlyDictionary<string, object?>? _literalArguments;

    public FieldSelection(string responseKey, FieldNode firstNode, FieldDefinition? field, bool isTypeName)
    {
        ResponseKey = responseKey;
        Nodes = [firstNode];
        Field = field;
        IsTypeName = isTypeName;
    }

    public string ResponseKey { get; }

    public List<FieldNode> Nodes { get; }

    public FieldNode FirstNode => Nodes[0];

    /// <summary>
    /// How many later fields of the same plan are the same list field with the same arguments (aliases of one list): each of
    /// them will hold exactly as many items as this one, which lets the result budget see the total when the first completes.
    /// </summary>
    public int IdenticalListsAfter { get; internal set; }

    /// <summary>The field definition; null for <c>__typename</c>.</summary>
    public FieldDefinition? Field { get; }

    public bool IsTypeName { get; }

    /// <summary>The locations of all merged nodes in document order (alias positions).</summary>
    public IReadOnlyList<SourceLocation> Locations => _locations ??= [.. Nodes.Where(n => !n.Location.IsEmpty).Select(n => n.Location.ToSourceLocation())];

    /// <summary>Coerced arguments cached when they contain no variables.</summary>
    public IReadOnlyDictionary<string, object?>? LiteralArguments
    {
        get => Volatile.Read(ref _literalArguments);
        set => Volatile.Write(ref _literalArguments, value);
    }

    public bool ArgumentsUseVariables { get; set; }

    public SelectionPlan GetSubPlan(ObjectType type, FieldCollector collector)
    {
        var last = Volatile.Read(ref _lastSubPlan);
        if (last is not null && ReferenceEquals(last.Type, type))
        {
            return last.Plan;
        }

        lock (_sync)
        {
            _subPlans ??= [];
            if (!_subPlans.TryGetValue(type, out var plan))
            {
                plan = collector.CollectSubfields(type, Nodes);
                _subPlans[type] = plan;
            }

            Volatile.Write(ref _lastSubPlan, new SubPlan(type, plan));
            return plan;
        }
    }

    private sealed record SubPlan(ObjectType Type, SelectionPlan Plan);
}

/// <summary>
/// Implements CollectFields and caches its results. Shared by every request of a cached document when no
/// <c>@skip</c>/<c>@include</c> depends on a variable; otherwise created per request.
/// </summary>
internal sealed class FieldCollector
{
    private readonly Schema _schema;
    private readonly IReadOnlyDictionary<string, FragmentDefinitionNode> _fragments;
    private readonly IReadOnlyDictionary<string, object?> _variables;
    private readonly Lock _sync = new();
    private readonly Dictionary<(OperationDefinitionNode, ObjectType), SelectionPlan> _rootPlans = [];

    public FieldCollector(Schema schema, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, IReadOnlyDictionary<string, object?> variables)
    {
        _schema = schema;
        _fragments = fragments;
        _variables = variables;
    }

    public Schema Schema => _schema;

    public SelectionPlan GetRootPlan(OperationDefinitionNode operation, ObjectType rootType)
    {
        lock (_sync)
        {
            if (!_rootPlans.TryGetValue((operation, rootType), out var plan))
            {
                plan = Collect(rootType, [operation.SelectionSet]);
                _rootPlans[(operation, rootType)] = plan;
            }

            return plan;
        }
    }

    public SelectionPlan CollectSubfields(ObjectType type, List<FieldNode> nodes)
    {
        var sets = new List<SelectionSetNode>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node.SelectionSet is { } set)
            {
                sets.Add(set);
            }
        }

        return Collect(type, sets);
    }

    private SelectionPlan Collect(ObjectType type, List<SelectionSetNode> sets)
    {
        var order = new List<FieldSelection>();
        var byKey = new Dictionary<string, FieldSelection>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            CollectInto(type, set, order, byKey, visited);
        }

        var keys = new string[order.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = order[i].ResponseKey;
        }

        CountIdenticalLists(order);
        return new SelectionPlan(keys, [.. order]);
    }

    /// <summary>Sets <see cref="FieldSelection.IdenticalListsAfter"/> for the list fields of a plan (aliases of one list field).</summary>
    private static void CountIdenticalLists(List<FieldSelection> order)
    {
        Dictionary<string, int>? seen = null;
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var selection = order[i];
            if (selection.Field is not { } field || field.Type.NullableType() is not ListType)
            {
                continue;
            }

            var signature = field.Name + "(" + string.Join(",", selection.FirstNode.Arguments.Select(a => a.Name.Value + ":" + LiteralPrinter.Print(a.Value))) + ")";
            seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
            selection.IdenticalListsAfter = seen.GetValueOrDefault(signature);
            seen[signature] = selection.IdenticalListsAfter + 1;
        }
    }

    private void CollectInto(ObjectType type, SelectionSetNode set, List<FieldSelection> order, Dictionary<string, FieldSelection> byKey, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            if (!ShouldInclude(selection.Directives))
            {
                continue;
            }

            switch (selection)
            {
                case FieldNode field:
                    var key = field.ResponseKey;
                    if (byKey.TryGetValue(key, out var existing))
                    {
                        existing.Nodes.Add(field);
                        break;
                    }

                    var name = field.Name.Value;
                    FieldDefinition? definition = null;
                    var isTypeName = name == "__typename";
                    if (!isTypeName)
                    {
                        definition = Introspection.IntrospectionMetaFields.GetField(_schema, type, name);
                        if (definition is null)
                        {
                            // Unknown fields cannot pass validation; skipping mirrors graphql-js.
                            break;
                        }
                    }

                    var fieldSelection = new FieldSelection(key, field, definition, isTypeName)
                    {
                        ArgumentsUseVariables = field.Arguments.Any(a => ContainsVariable(a.Value)),
                    };
                    byKey.Add(key, fieldSelection);
                    order.Add(fieldSelection);
                    break;
                case FragmentSpreadNode spread:
                    var fragmentName = spread.Name.Value;
                    if (!visited.Add(fragmentName) || !_fragments.TryGetValue(fragmentName, out var fragment) || !DoesFragmentTypeApply(type, fragment.TypeCondition))
                    {
                        break;
                    }

                    CollectInto(type, fragment.SelectionSet, order, byKey, visited);
                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is not null && !DoesFragmentTypeApply(type, inline.TypeCondition))
                    {
                        break;
                    }

                    CollectInto(type, inline.SelectionSet, order, byKey, visited);
                    break;
            }
        }
    }

    private bool DoesFragmentTypeApply(ObjectType type, NamedTypeNode condition) => _schema.GetType(condition.Name.Value) switch
    {
        ObjectType objectType => ReferenceEquals(objectType, type),
        InterfaceType or UnionType when _schema.GetType(condition.Name.Value) is { } abstractType => _schema.IsPossibleType(abstractType, type),
        _ => false,
    };

    private bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var condition = false;
            foreach (var argument in directive.Arguments)
            {
                if (argument.Name.Value == "if")
                {
                    condition = argument.Value switch
                    {
                        BooleanValueNode b => b.Value,
                        VariableNode v => _variables.TryGetValue(v.Name.Value, out var value) && value is true,
                        _ => false,
                    };
                }
            }

            if (name == "skip" ? condition : !condition)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool ContainsVariable(ValueNode value) => value switch
    {
        VariableNode => true,
        ListValueNode list => list.Values.Any(ContainsVariable),
        ObjectValueNode obj => obj.Fields.Any(f => ContainsVariable(f.Value)),
        _ => false,
    };
}
