using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>Field Selections: every selected field exists on the parent type.</summary>
internal sealed class FieldsOnCorrectTypeVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterField(FieldNode node)
    {
        if (Context.ParentType is not { } parentType || Context.FieldDefinition is not null)
        {
            return;
        }

        var fieldName = node.Name.Value;
        var hint = Suggestions.DidYouMean(SuggestedTypes(parentType, fieldName), "to use an inline fragment on");
        if (hint.Length == 0 && parentType is ComplexType complex)
        {
            hint = Suggestions.DidYouMean(Suggestions.SuggestionList(fieldName, complex.Fields.Keys));
        }

        Context.ReportError($"Cannot query field \"{fieldName}\" on type \"{parentType.Name}\".{hint}", node);
    }

    // Object and interface types below an abstract type that do define the field, most useful first.
    private List<string> SuggestedTypes(NamedType type, string fieldName)
    {
        if (!TypeUtilities.IsAbstractType(type))
        {
            return [];
        }

        var schema = Context.Schema;
        var suggested = new List<NamedType>();
        var interfaceUsage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var possible in schema.GetPossibleTypes(type))
        {
            if (possible.GetField(fieldName) is null)
            {
                continue;
            }

            suggested.Add(possible);
            foreach (var iface in possible.Interfaces)
            {
                if (iface.GetField(fieldName) is null)
                {
                    continue;
                }

                if (!interfaceUsage.TryGetValue(iface.Name, out var count))
                {
                    suggested.Add(iface);
                }

                interfaceUsage[iface.Name] = count + 1;
            }
        }

        return [.. suggested
            .OrderBy(t => t is InterfaceType ? 0 : 1)
            .ThenByDescending(t => interfaceUsage.GetValueOrDefault(t.Name))
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => t.Name)];
    }
}

/// <summary>Leaf Field Selections: leaves have no sub-selection, composite fields must have one.</summary>
internal sealed class ScalarLeafsVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterField(FieldNode node)
    {
        if (Context.Type is not { } type)
        {
            return;
        }

        var namedType = TypeUtilities.GetNamedType(type);
        if (TypeUtilities.IsLeafType(namedType))
        {
            if (node.SelectionSet is { } selectionSet)
            {
                Context.ReportError(
                    $"Field \"{node.Name.Value}\" must not have a selection since type \"{type}\" has no subfields.",
                    selectionSet);
            }
        }
        else if (node.SelectionSet is null)
        {
            Context.ReportError(
                $"Field \"{node.Name.Value}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{node.Name.Value} {{ ... }}\"?",
                node);
        }
    }
}
