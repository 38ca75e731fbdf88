using System.Runtime.CompilerServices;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>Fragment Name Uniqueness.</summary>
internal sealed class UniqueFragmentNamesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

    public override void EnterFragmentDefinition(FragmentDefinitionNode node)
    {
        var name = node.Name;
        if (_known.TryGetValue(name.Value, out var first))
        {
            Context.ReportError($"There can be only one fragment named \"{name.Value}\".", first, name);
        }
        else
        {
            _known[name.Value] = name;
        }
    }
}

/// <summary>Fragment Spread Type Existence (and variable types): every referenced type name exists in the schema.</summary>
internal sealed class KnownTypeNamesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterNamedType(NamedTypeNode node)
    {
        var typeName = node.Name.Value;
        if (Context.IsKnownTypeName(typeName))
        {
            return;
        }

        var candidates = Context.Schema.Types.Keys.Where(Context.IsKnownTypeName);
        var hint = Suggestions.DidYouMean(Suggestions.SuggestionList(typeName, candidates));
        Context.ReportError($"Unknown type \"{typeName}\".{hint}", node);
    }
}

/// <summary>Fragments on Object, Interface or Union Types.</summary>
internal sealed class FragmentsOnCompositeTypesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterInlineFragment(InlineFragmentNode node)
    {
        if (node.TypeCondition is { } condition && Context.Schema.GetType(condition.Name.Value) is { } type
            && !TypeUtilities.IsCompositeType(type))
        {
            Context.ReportError($"Fragment cannot condition on non composite type \"{type.Name}\".", condition);
        }
    }

    public override void EnterFragmentDefinition(FragmentDefinitionNode node)
    {
        var condition = node.TypeCondition;
        if (Context.Schema.GetType(condition.Name.Value) is { } type && !TypeUtilities.IsCompositeType(type))
        {
            Context.ReportError($"Fragment \"{node.Name.Value}\" cannot condition on non composite type \"{type.Name}\".", condition);
        }
    }
}

/// <summary>Fragments Must Be Used: every fragment is used by some operation, directly or transitively.</summary>
internal sealed class NoUnusedFragmentsVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void LeaveDocument(DocumentNode node)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            foreach (var fragment in Context.GetRecursivelyReferencedFragments(operation))
            {
                used.Add(fragment.Name.Value);
            }
        }

        foreach (var fragment in node.Definitions.OfType<FragmentDefinitionNode>())
        {
            if (!used.Contains(fragment.Name.Value))
            {
                Context.ReportError($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
            }
        }
    }
}

/// <summary>Fragment Spread Target Defined.</summary>
internal sealed class KnownFragmentNamesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterFragmentSpread(FragmentSpreadNode node)
    {
        if (Context.GetFragment(node.Name.Value) is null)
        {
            Context.ReportError($"Unknown fragment \"{node.Name.Value}\".", node.Name);
        }
    }
}

/// <summary>Fragment Spreads Must Not Form Cycles.</summary>
internal sealed class NoFragmentCyclesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    // Fragments already checked; a cycle through one of them has been reported once.
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    private readonly List<FragmentSpreadNode> _spreadPath = [];
    private readonly Dictionary<string, int> _spreadPathIndexByName = new(StringComparer.Ordinal);

    public override void EnterFragmentDefinition(FragmentDefinitionNode node) => DetectCycle(node);

    // A depth-first search over fragment spreads with an explicit stack, so that long fragment chains cannot
    // exhaust the call stack.
    private void DetectCycle(FragmentDefinitionNode fragment)
    {
        var fragmentName = fragment.Name.Value;
        if (!_visited.Add(fragmentName))
        {
            return;
        }

        var rootSpreads = Context.GetFragmentSpreads(fragment.SelectionSet);
        if (rootSpreads.Count == 0)
        {
            return;
        }

        var frames = new Stack<(string Name, IReadOnlyList<FragmentSpreadNode> Spreads, int Index)>();
        _spreadPathIndexByName[fragmentName] = _spreadPath.Count;
        frames.Push((fragmentName, rootSpreads, 0));
        while (frames.Count > 0)
        {
            var (name, spreads, index) = frames.Pop();
            if (index > 0)
            {
                // Back from the spread at index - 1 (and everything reached through it).
                _spreadPath.RemoveAt(_spreadPath.Count - 1);
            }

            if (index == spreads.Count)
            {
                _spreadPathIndexByName.Remove(name);
                continue;
            }

            frames.Push((name, spreads, index + 1));
            var spread = spreads[index];
            var spreadName = spread.Name.Value;
            _spreadPath.Add(spread);
            if (_spreadPathIndexByName.TryGetValue(spreadName, out var cycleIndex))
            {
                ReportCycle(spreadName, cycleIndex);
            }
            else if (Context.GetFragment(spreadName) is { } spreadFragment && _visited.Add(spreadName))
            {
                var childSpreads = Context.GetFragmentSpreads(spreadFragment.SelectionSet);
                if (childSpreads.Count > 0)
                {
                    _spreadPathIndexByName[spreadName] = _spreadPath.Count;
                    frames.Push((spreadName, childSpreads, 0));
                }
            }
        }
    }

    private void ReportCycle(string spreadName, int cycleIndex)
    {
        var cyclePath = _spreadPath.GetRange(cycleIndex, _spreadPath.Count - cycleIndex);
        var via = string.Join(", ", cyclePath.Take(cyclePath.Count - 1).Select(s => $"\"{s.Name.Value}\""));
        var message = via.Length > 0
            ? $"Cannot spread fragment \"{spreadName}\" within itself via {via}."
            : $"Cannot spread fragment \"{spreadName}\" within itself.";
        Context.ReportError(message, cyclePath.Select(s => s.Location.ToSourceLocation()).ToList());
    }
}

/// <summary>Fragment Spread Is Possible: the fragment's type and the parent type can apply to the same object.</summary>
internal sealed class PossibleFragmentSpreadsVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterInlineFragment(InlineFragmentNode node)
    {
        if (Context.Type is NamedType fragType && TypeUtilities.IsCompositeType(fragType)
            && Context.ParentType is { } parentType && TypeUtilities.IsCompositeType(parentType)
            && !TypeUtilities.DoTypesOverlap(Context.Schema, fragType, parentType))
        {
            Context.ReportError(
                $"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".",
                node);
        }
    }

    public override void EnterFragmentSpread(FragmentSpreadNode node)
    {
        var fragmentName = node.Name.Value;
        if (Context.GetFragment(fragmentName) is not { } fragment
            || Context.Schema.GetType(fragment.TypeCondition.Name.Value) is not { } fragType
            || !TypeUtilities.IsCompositeType(fragType)
            || Context.ParentType is not { } parentType
            || !TypeUtilities.IsCompositeType(parentType))
        {
            return;
        }

        if (!TypeUtilities.DoTypesOverlap(Context.Schema, fragType, parentType))
        {
            Context.ReportError(
                $"Fragment \"{fragmentName}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".",
                node);
        }
    }
}
