using System.Runtime.CompilerServices;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>Executable Definitions: a document for execution holds only operations and fragments.</summary>
internal sealed class ExecutableDefinitionsVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterTypeSystemDefinition(DefinitionNode node)
    {
        var name = node switch
        {
            SchemaDefinitionNode or SchemaExtensionNode => "schema",
            TypeDefinitionNode type => $"\"{type.Name.Value}\"",
            TypeExtensionNode extension => $"\"{extension.Name.Value}\"",
            DirectiveDefinitionNode directive => $"\"{directive.Name.Value}\"",
            _ => "type system",
        };
        Context.ReportError($"The {name} definition is not executable.", node);
    }
}

/// <summary>Operation Name Uniqueness.</summary>
internal sealed class UniqueOperationNamesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

    public override void EnterOperation(OperationDefinitionNode node)
    {
        if (node.Name is not { } name)
        {
            return;
        }

        if (_known.TryGetValue(name.Value, out var first))
        {
            Context.ReportError($"There can be only one operation named \"{name.Value}\".", first, name);
        }
        else
        {
            _known[name.Value] = name;
        }
    }
}

/// <summary>Lone Anonymous Operation.</summary>
internal sealed class LoneAnonymousOperationVisitor(ValidationContext context) : ValidationVisitor(context)
{
    private int _operationCount;

    public override void EnterDocument(DocumentNode node)
        => _operationCount = node.Definitions.Count(d => d is OperationDefinitionNode);

    public override void EnterOperation(OperationDefinitionNode node)
    {
        if (node.Name is null && _operationCount > 1)
        {
            Context.ReportError("This anonymous operation must be the only defined operation.", node);
        }
    }
}

/// <summary>Operation Type Existence: the schema must have the root type of each operation's kind.</summary>
internal sealed class KnownOperationTypesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterOperation(OperationDefinitionNode node)
    {
        if (Context.Schema.GetRootType(node.Operation) is null)
        {
            var kind = node.Operation.ToString().ToLowerInvariant();
            Context.ReportError($"The {kind} operation is not supported by the schema.", node);
        }
    }
}

/// <summary>Single Root Field: a subscription selects exactly one non-introspection root field, without @skip/@include.</summary>
internal sealed class SingleFieldSubscriptionsVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterOperation(OperationDefinitionNode node)
    {
        if (node.Operation != OperationType.Subscription || Context.Schema.GetRootType(OperationType.Subscription) is not { } subscriptionType)
        {
            return;
        }

        var operationName = node.Name is { } name ? $"Subscription \"{name.Value}\"" : "Anonymous Subscription";
        var fields = new Dictionary<string, List<FieldNode>>(StringComparer.Ordinal);
        var order = new List<string>();
        var conditionalDirectives = new List<DirectiveNode>();
        Collect(subscriptionType, node.SelectionSet, fields, order, conditionalDirectives, new HashSet<string>(StringComparer.Ordinal));

        foreach (var directive in conditionalDirectives)
        {
            Context.ReportError($"{operationName} must not use @skip or @include directives in the top level selection.", directive);
        }

        if (order.Count > 1)
        {
            var extra = order.Skip(1).SelectMany(key => fields[key]).ToArray();
            Context.ReportError($"{operationName} must select only one top level field.", extra.Select(f => f.Location.ToSourceLocation()).ToList());
        }

        foreach (var key in order)
        {
            var nodes = fields[key];
            if (nodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
            {
                Context.ReportError($"{operationName} must not select an introspection top level field.", nodes.Select(f => f.Location.ToSourceLocation()).ToList());
            }
        }
    }

    private void Collect(
        ObjectType type,
        SelectionSetNode selectionSet,
        Dictionary<string, List<FieldNode>> fields,
        List<string> order,
        List<DirectiveNode> conditionalDirectives,
        HashSet<string> visitedFragments)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var selection in selectionSet.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                if (directive.Name.Value is "skip" or "include")
                {
                    conditionalDirectives.Add(directive);
                }
            }

            switch (selection)
            {
                case FieldNode field:
                    if (!fields.TryGetValue(field.ResponseKey, out var list))
                    {
                        list = [];
                        fields[field.ResponseKey] = list;
                        order.Add(field.ResponseKey);
                    }

                    list.Add(field);
                    break;
                case FragmentSpreadNode spread:
                    if (!visitedFragments.Add(spread.Name.Value) || Context.GetFragment(spread.Name.Value) is not { } fragment
                        || !DoesFragmentTypeApply(type, fragment.TypeCondition))
                    {
                        continue;
                    }

                    Collect(type, fragment.SelectionSet, fields, order, conditionalDirectives, visitedFragments);
                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is { } condition && !DoesFragmentTypeApply(type, condition))
                    {
                        continue;
                    }

                    Collect(type, inline.SelectionSet, fields, order, conditionalDirectives, visitedFragments);
                    break;
            }
        }
    }

    private bool DoesFragmentTypeApply(ObjectType type, NamedTypeNode condition)
    {
        var conditionType = Context.Schema.GetType(condition.Name.Value);
        if (ReferenceEquals(conditionType, type))
        {
            return true;
        }

        return TypeUtilities.IsAbstractType(conditionType) && Context.Schema.IsSubType(conditionType!, type);
    }
}
