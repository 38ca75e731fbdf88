using System.Runtime.CompilerServices;
using System.Text;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>
/// Field Selection Merging: fields with the same response name that can apply to the same object must be the same
/// field with the same arguments, and must have compatible response shapes.
/// </summary>
/// <remarks>
/// Field maps are collected once per selection set, and every pair of fragments is compared at most once per
/// exclusivity mode, so repeated fragments and repeated fields do not make the check explode.
/// </remarks>
internal sealed class OverlappingFieldsCanBeMergedVisitor(ValidationContext context) : ValidationVisitor(context)
{
    private readonly Dictionary<SelectionSetNode, FieldsAndFragments> _cache = new(ReferenceEqualityComparer.Instance);
    private readonly FragmentPairSet _comparedFragmentPairs = new();

    // (field map, fragment name) pairs already compared; also what stops recursion through self-referencing fragments.
    private readonly Dictionary<(FieldMap, string), bool> _comparedFieldsAndFragments = [];
    private readonly Dictionary<ValueNode, string> _valueKeys = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FieldNode, int> _shapeIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _shapes = new(StringComparer.Ordinal);

    // Selection sets of inline fragments: their fields are compared as part of the enclosing selection set, so comparing them
    // again on their own would report the same conflict twice (graphql-js flattens inline fragments the same way).
    private readonly HashSet<SelectionSetNode> _inlineFragmentSelectionSets = new(ReferenceEqualityComparer.Instance);

    // Comparisons this rule may make for one document before it gives up (graphql-js 16.15 uses the same budget): the
    // pairwise comparison of fragments is quadratic, and a hostile document within the size limits must not cost seconds.
    // The budget is the context's (DocumentValidator.DefaultComparisonBudget unless the executor sets a smaller one).
    private long _spent;

    private void Spend(int cost)
    {
        _spent += cost;
        if (_spent > Context.ComparisonBudget)
        {
            Context.Abort("The document's fields are too many or too entangled to check that they can be merged. Validation aborted.");
        }
    }

    public override void EnterInlineFragment(InlineFragmentNode node)
    {
        base.EnterInlineFragment(node);
        _inlineFragmentSelectionSets.Add(node.SelectionSet);
    }

    public override void EnterSelectionSet(SelectionSetNode node)
    {
        if (_inlineFragmentSelectionSets.Contains(node))
        {
            return;
        }

        var conflicts = new List<Conflict>();
        var (fieldMap, fragmentNames) = GetFieldsAndFragmentNames(Context.ParentType, node);
        CollectConflictsWithin(conflicts, fieldMap);
        for (var i = 0; i < fragmentNames.Count; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, false, fieldMap, fragmentNames[i]);
            for (var j = i + 1; j < fragmentNames.Count; j++)
            {
                CollectConflictsBetweenFragments(conflicts, false, fragmentNames[i], fragmentNames[j]);
            }
        }

        foreach (var conflict in conflicts)
        {
            var locations = conflict.Fields1.Concat(conflict.Fields2).Select(f => f.Location.ToSourceLocation()).ToList();
            Context.ReportError(
                $"Fields \"{conflict.ResponseName}\" conflict because {ReasonMessage(conflict.Reason)}. Use different aliases on the fields to fetch both if this was intentional.",
                locations);
        }
    }

    private static string ReasonMessage(object reason) => reason switch
    {
        string text => text,
        List<Conflict> subConflicts => string.Join(
            " and ",
            subConflicts.Select(c => $"subfields \"{c.ResponseName}\" conflict because {ReasonMessage(c.Reason)}")),
        _ => string.Empty,
    };

    private void CollectConflictsWithin(List<Conflict> conflicts, FieldMap fieldMap)
    {
        foreach (var (responseName, fields) in fieldMap)
        {
            if (fields.Count < 2)
            {
                continue;
            }

            // Fields of the same shape (parent type, name, arguments and sub-selections) behave alike: a group is
            // compared with another through one representative pair, and only when that pair conflicts are all of
            // its pairs compared. This keeps thousands of repeated selections near-linear instead of quadratic.
            var groups = GroupByShape(fields);
            Dictionary<FieldNode, int>? positions = groups.Count == fields.Count ? null : IndexPositions(fields);
            for (var i = 0; i < groups.Count; i++)
            {
                var group = groups[i];
                if (group.Count > 1 && FindConflict(false, responseName, group[0], group[1]) is not null)
                {
                    for (var a = 0; a < group.Count; a++)
                    {
                        for (var b = a + 1; b < group.Count; b++)
                        {
                            if (!AddConflict(conflicts, FindConflict(false, responseName, group[a], group[b])))
                            {
                                return;
                            }
                        }
                    }
                }

                for (var j = i + 1; j < groups.Count; j++)
                {
                    var other = groups[j];
                    var representative = FindConflict(false, responseName, group[0], other[0]);
                    if (representative is null)
                    {
                        continue;
                    }

                    if (group.Count == 1 && other.Count == 1)
                    {
                        conflicts.Add(representative);
                        continue;
                    }

                    foreach (var a in group)
                    {
                        foreach (var b in other)
                        {
                            // Keep graphql-js's order: the field that comes first in the selection set first.
                            var conflict = positions![a.Node] < positions[b.Node]
                                ? FindConflict(false, responseName, a, b)
                                : FindConflict(false, responseName, b, a);
                            if (!AddConflict(conflicts, conflict))
                            {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }

    private void CollectConflictsBetween(List<Conflict> conflicts, bool parentFieldsAreMutuallyExclusive, FieldMap fieldMap1, FieldMap fieldMap2)
    {
        foreach (var (responseName, fields1) in fieldMap1)
        {
            Spend(1);
            if (!fieldMap2.TryGetValue(responseName, out var fields2))
            {
                continue;
            }

            if (fields1.Count == 1 && fields2.Count == 1)
            {
                AddConflict(conflicts, FindConflict(parentFieldsAreMutuallyExclusive, responseName, fields1[0], fields2[0]));
                continue;
            }

            foreach (var group1 in GroupByShape(fields1))
            {
                foreach (var group2 in GroupByShape(fields2))
                {
                    var representative = FindConflict(parentFieldsAreMutuallyExclusive, responseName, group1[0], group2[0]);
                    if (representative is null)
                    {
                        continue;
                    }

                    foreach (var a in group1)
                    {
                        foreach (var b in group2)
                        {
                            var conflict = ReferenceEquals(a.Node, group1[0].Node) && ReferenceEquals(b.Node, group2[0].Node)
                                ? representative
                                : FindConflict(parentFieldsAreMutuallyExclusive, responseName, a, b);
                            if (!AddConflict(conflicts, conflict))
                            {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }

    // Adds a conflict; false once more conflicts are collected than validation will ever report.
    private bool AddConflict(List<Conflict> conflicts, Conflict? conflict)
    {
        if (conflict is not null)
        {
            conflicts.Add(conflict);
        }

        return conflicts.Count <= Context.MaxErrors;
    }

    private static Dictionary<FieldNode, int> IndexPositions(List<FieldEntry> fields)
    {
        var positions = new Dictionary<FieldNode, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < fields.Count; i++)
        {
            positions[fields[i].Node] = i;
        }

        return positions;
    }

    // Groups fields by parent type and shape, in order of first appearance.
    private List<List<FieldEntry>> GroupByShape(List<FieldEntry> fields)
    {
        var groups = new List<List<FieldEntry>>(fields.Count);
        if (fields.Count == 1)
        {
            groups.Add(fields);
            return groups;
        }

        var byKey = new Dictionary<(NamedType?, int), List<FieldEntry>>();
        foreach (var field in fields)
        {
            var key = (field.ParentType, ShapeId(field.Node));
            if (byKey.TryGetValue(key, out var group))
            {
                group.Add(field);
            }
            else
            {
                group = [field];
                byKey[key] = group;
                groups.Add(group);
            }
        }

        return groups;
    }

    // An id that is equal for two fields exactly when their name, arguments and sub-selections are written alike.
    private int ShapeId(FieldNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (_shapeIds.TryGetValue(node, out var id))
        {
            return id;
        }

        var sb = new StringBuilder();
        sb.Append(node.Name.Value).Append('(').Append(ArgumentsKey(node)).Append(')');
        if (node.SelectionSet is { } selectionSet)
        {
            AppendSelectionShape(sb, selectionSet);
        }

        var key = sb.ToString();
        if (!_shapes.TryGetValue(key, out id))
        {
            id = _shapes.Count;
            _shapes[key] = id;
        }

        _shapeIds[node] = id;
        return id;
    }

    private void AppendSelectionShape(StringBuilder sb, SelectionSetNode selectionSet)
    {
        sb.Append('{');
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    sb.Append(field.ResponseKey).Append(':').Append(ShapeId(field)).Append(' ');
                    break;
                case FragmentSpreadNode spread:
                    sb.Append("...").Append(spread.Name.Value).Append(' ');
                    break;
                case InlineFragmentNode inline:
                    sb.Append("...on ").Append(inline.TypeCondition?.Name.Value);
                    AppendSelectionShape(sb, inline.SelectionSet);
                    break;
            }
        }

        sb.Append('}');
    }

    private string ArgumentsKey(FieldNode node)
    {
        if (node.Arguments.Count == 0)
        {
            return string.Empty;
        }

        return string.Join(",", node.Arguments
            .Select(a => a.Name.Value + ":" + ValueKey(a.Value))
            .Order(StringComparer.Ordinal));
    }

    // Compares a field map with a fragment and, transitively, with every fragment it spreads. Explicit stacks (rather
    // than recursion) keep long fragment chains from exhausting the call stack.
    private void CollectConflictsBetweenFieldsAndFragment(List<Conflict> conflicts, bool areMutuallyExclusive, FieldMap fieldMap, string fragmentName)
    {
        var pending = new Stack<string>();
        pending.Push(fragmentName);
        while (pending.TryPop(out var name))
        {
            Spend(1);
            if (_comparedFieldsAndFragments.TryGetValue((fieldMap, name), out var comparedExclusive)
                && (areMutuallyExclusive || !comparedExclusive))
            {
                continue;
            }

            _comparedFieldsAndFragments[(fieldMap, name)] = areMutuallyExclusive;
            if (Context.GetFragment(name) is not { } fragment)
            {
                continue;
            }

            var (fieldMap2, referencedFragmentNames) = GetReferencedFieldsAndFragmentNames(fragment);
            if (ReferenceEquals(fieldMap, fieldMap2))
            {
                continue;
            }

            CollectConflictsBetween(conflicts, areMutuallyExclusive, fieldMap, fieldMap2);
            for (var i = referencedFragmentNames.Count - 1; i >= 0; i--)
            {
                pending.Push(referencedFragmentNames[i]);
            }
        }
    }

    private void CollectConflictsBetweenFragments(List<Conflict> conflicts, bool areMutuallyExclusive, string fragmentName1, string fragmentName2)
    {
        var pending = new Stack<(string, string)>();
        pending.Push((fragmentName1, fragmentName2));
        while (pending.TryPop(out var pair))
        {
            Spend(2);
            var (name1, name2) = pair;
            if (string.Equals(name1, name2, StringComparison.Ordinal) || _comparedFragmentPairs.Has(name1, name2, areMutuallyExclusive))
            {
                continue;
            }

            _comparedFragmentPairs.Add(name1, name2, areMutuallyExclusive);
            if (Context.GetFragment(name1) is not { } fragment1 || Context.GetFragment(name2) is not { } fragment2)
            {
                continue;
            }

            var (fieldMap1, referenced1) = GetReferencedFieldsAndFragmentNames(fragment1);
            var (fieldMap2, referenced2) = GetReferencedFieldsAndFragmentNames(fragment2);
            CollectConflictsBetween(conflicts, areMutuallyExclusive, fieldMap1, fieldMap2);

            // Pushed in reverse so that pairs are compared in the order a recursive walk would take.
            for (var i = referenced1.Count - 1; i >= 0; i--)
            {
                pending.Push((referenced1[i], name2));
            }

            for (var i = referenced2.Count - 1; i >= 0; i--)
            {
                pending.Push((name1, referenced2[i]));
            }
        }
    }

    private List<Conflict> FindConflictsBetweenSubSelectionSets(
        bool areMutuallyExclusive,
        NamedType? parentType1,
        SelectionSetNode selectionSet1,
        NamedType? parentType2,
        SelectionSetNode selectionSet2)
    {
        var conflicts = new List<Conflict>();
        var (fieldMap1, fragmentNames1) = GetFieldsAndFragmentNames(parentType1, selectionSet1);
        var (fieldMap2, fragmentNames2) = GetFieldsAndFragmentNames(parentType2, selectionSet2);
        CollectConflictsBetween(conflicts, areMutuallyExclusive, fieldMap1, fieldMap2);
        foreach (var name2 in fragmentNames2)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fieldMap1, name2);
        }

        foreach (var name1 in fragmentNames1)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fieldMap2, name1);
        }

        foreach (var name1 in fragmentNames1)
        {
            foreach (var name2 in fragmentNames2)
            {
                CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, name1, name2);
            }
        }

        return conflicts;
    }

    private Conflict? FindConflict(bool parentFieldsAreMutuallyExclusive, string responseName, FieldEntry field1, FieldEntry field2)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        Spend(2);
        var node1 = field1.Node;
        var node2 = field2.Node;
        if (ReferenceEquals(node1, node2))
        {
            return null;
        }

        // Fields on two different object types can never apply to the same object, so only their shapes must agree.
        var areMutuallyExclusive = parentFieldsAreMutuallyExclusive
            || (!ReferenceEquals(field1.ParentType, field2.ParentType) && field1.ParentType is ObjectType && field2.ParentType is ObjectType);

        if (!areMutuallyExclusive)
        {
            var name1 = node1.Name.Value;
            var name2 = node2.Name.Value;
            if (!string.Equals(name1, name2, StringComparison.Ordinal))
            {
                return new Conflict(responseName, $"\"{name1}\" and \"{name2}\" are different fields", [node1], [node2]);
            }

            if (!SameArguments(node1, node2))
            {
                return new Conflict(responseName, "they have differing arguments", [node1], [node2]);
            }
        }

        var type1 = field1.Definition?.Type;
        var type2 = field2.Definition?.Type;
        if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
        {
            return new Conflict(responseName, $"they return conflicting types \"{type1}\" and \"{type2}\"", [node1], [node2]);
        }

        if (node1.SelectionSet is { } selectionSet1 && node2.SelectionSet is { } selectionSet2)
        {
            var subConflicts = FindConflictsBetweenSubSelectionSets(
                areMutuallyExclusive,
                type1 is null ? null : TypeUtilities.GetNamedType(type1),
                selectionSet1,
                type2 is null ? null : TypeUtilities.GetNamedType(type2),
                selectionSet2);
            if (subConflicts.Count > 0)
            {
                var fields1 = new List<FieldNode> { node1 };
                var fields2 = new List<FieldNode> { node2 };
                foreach (var sub in subConflicts)
                {
                    fields1.AddRange(sub.Fields1);
                    fields2.AddRange(sub.Fields2);
                }

                return new Conflict(responseName, subConflicts, fields1, fields2);
            }
        }

        return null;
    }

    private bool SameArguments(FieldNode node1, FieldNode node2)
    {
        var args1 = node1.Arguments;
        var args2 = node2.Arguments;
        if (args1.Count != args2.Count)
        {
            return false;
        }

        foreach (var arg1 in args1)
        {
            ArgumentNode? arg2 = null;
            foreach (var candidate in args2)
            {
                if (string.Equals(candidate.Name.Value, arg1.Name.Value, StringComparison.Ordinal))
                {
                    arg2 = candidate;
                    break;
                }
            }

            if (arg2 is null || !string.Equals(ValueKey(arg1.Value), ValueKey(arg2.Value), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // A canonical text of a value: object fields sorted by name, strings compared by their decoded value.
    private string ValueKey(ValueNode value)
    {
        if (!_valueKeys.TryGetValue(value, out var key))
        {
            var sb = new StringBuilder();
            AppendValueKey(sb, value);
            key = sb.ToString();
            _valueKeys[value] = key;
        }

        return key;
    }

    private static void AppendValueKey(StringBuilder sb, ValueNode value)
    {
        switch (value)
        {
            case VariableNode variable:
                sb.Append('$').Append(variable.Name.Value);
                break;
            case IntValueNode intValue:
                sb.Append(intValue.Value);
                break;
            case FloatValueNode floatValue:
                sb.Append(floatValue.Value);
                break;
            case StringValueNode stringValue:
                AstText.AppendString(sb, stringValue.Value);
                break;
            case BooleanValueNode booleanValue:
                sb.Append(booleanValue.Value ? "true" : "false");
                break;
            case NullValueNode:
                sb.Append("null");
                break;
            case EnumValueNode enumValue:
                sb.Append(enumValue.Value);
                break;
            case ListValueNode list:
                sb.Append('[');
                for (var i = 0; i < list.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    AppendValueKey(sb, list.Values[i]);
                }

                sb.Append(']');
                break;
            case ObjectValueNode obj:
                sb.Append('{');
                var first = true;
                foreach (var field in obj.Fields.OrderBy(f => f.Name.Value, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append(field.Name.Value).Append(':');
                    AppendValueKey(sb, field.Value);
                }

                sb.Append('}');
                break;
        }
    }

    // Two types conflict when their response shapes differ: list vs. non-list, nullability, or different leaf types.
    private static bool DoTypesConflict(GraphQLType type1, GraphQLType type2)
    {
        while (true)
        {
            if (type1 is ListType list1)
            {
                if (type2 is not ListType list2)
                {
                    return true;
                }

                type1 = list1.OfType;
                type2 = list2.OfType;
                continue;
            }

            if (type2 is ListType)
            {
                return true;
            }

            if (type1 is NonNullType nonNull1)
            {
                if (type2 is not NonNullType nonNull2)
                {
                    return true;
                }

                type1 = nonNull1.OfType;
                type2 = nonNull2.OfType;
                continue;
            }

            if (type2 is NonNullType)
            {
                return true;
            }

            if (TypeUtilities.IsLeafType(type1) || TypeUtilities.IsLeafType(type2))
            {
                return !ReferenceEquals(type1, type2);
            }

            return false;
        }
    }

    private FieldsAndFragments GetReferencedFieldsAndFragmentNames(FragmentDefinitionNode fragment)
    {
        if (_cache.TryGetValue(fragment.SelectionSet, out var cached))
        {
            return cached;
        }

        var fragmentType = Context.Schema.GetType(fragment.TypeCondition.Name.Value);
        return GetFieldsAndFragmentNames(fragmentType, fragment.SelectionSet);
    }

    private FieldsAndFragments GetFieldsAndFragmentNames(NamedType? parentType, SelectionSetNode selectionSet)
    {
        if (_cache.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }

        var fieldMap = new FieldMap(StringComparer.Ordinal);
        var fragmentNames = new List<string>();
        var seenFragments = new HashSet<string>(StringComparer.Ordinal);
        CollectFieldsAndFragmentNames(parentType, selectionSet, fieldMap, fragmentNames, seenFragments);
        var result = new FieldsAndFragments(fieldMap, fragmentNames);
        _cache[selectionSet] = result;
        return result;
    }

    private void CollectFieldsAndFragmentNames(
        NamedType? parentType,
        SelectionSetNode selectionSet,
        FieldMap fieldMap,
        List<string> fragmentNames,
        HashSet<string> seenFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                {
                    // Like graphql-js, meta fields have no definition here, so their types are never compared.
                    var definition = parentType is ComplexType complex ? complex.GetField(field.Name.Value) : null;
                    var responseName = field.ResponseKey;
                    if (!fieldMap.TryGetValue(responseName, out var entries))
                    {
                        entries = [];
                        fieldMap[responseName] = entries;
                    }

                    entries.Add(new FieldEntry(parentType, field, definition));
                    break;
                }

                case FragmentSpreadNode spread:
                    if (seenFragments.Add(spread.Name.Value))
                    {
                        fragmentNames.Add(spread.Name.Value);
                    }

                    break;
                case InlineFragmentNode inline:
                {
                    var inlineType = inline.TypeCondition is { } condition ? Context.Schema.GetType(condition.Name.Value) : parentType;
                    CollectFieldsAndFragmentNames(inlineType, inline.SelectionSet, fieldMap, fragmentNames, seenFragments);
                    break;
                }
            }
        }
    }

    private sealed class FieldMap(StringComparer comparer) : OrderedDictionary<string, List<FieldEntry>>(comparer);

    private readonly record struct FieldEntry(NamedType? ParentType, FieldNode Node, FieldDefinition? Definition);

    private readonly record struct FieldsAndFragments(FieldMap FieldMap, List<string> FragmentNames);

    /// <summary>A conflict: the response name, a reason (text or nested conflicts) and the fields on each side.</summary>
    private sealed record Conflict(string ResponseName, object Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

    /// <summary>Unordered pairs of fragment names, remembering whether they were compared as mutually exclusive.</summary>
    private sealed class FragmentPairSet
    {
        private readonly Dictionary<(string, string), bool> _data = [];

        public bool Has(string a, string b, bool areMutuallyExclusive)
        {
            if (!_data.TryGetValue(Key(a, b), out var comparedExclusive))
            {
                return false;
            }

            // A comparison that was not mutually exclusive covers the exclusive one, but not the other way round.
            return areMutuallyExclusive || !comparedExclusive;
        }

        public void Add(string a, string b, bool areMutuallyExclusive) => _data[Key(a, b)] = areMutuallyExclusive;

        private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
    }
}
