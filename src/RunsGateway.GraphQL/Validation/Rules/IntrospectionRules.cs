using System.Runtime.CompilerServices;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>
/// graphql-js's MaxIntrospectionDepthRule: an introspection query may not nest <c>fields</c>, <c>interfaces</c>,
/// <c>possibleTypes</c> or <c>inputFields</c> three levels deep (a cheap guard against hostile introspection).
/// </summary>
internal sealed class MaxIntrospectionDepthVisitor(ValidationContext context) : ValidationVisitor(context)
{
    private const int MaxListsDepth = 3;

    // (fragment name, depth) -> exceeds; fragments reached along many paths are checked once per depth.
    private readonly Dictionary<(string, int), bool> _fragmentResults = [];
    private FieldNode? _reported;

    public override void EnterField(FieldNode node)
    {
        if (_reported is not null || node.Name.Value is not ("__schema" or "__type"))
        {
            return;
        }

        if (ExceedsDepth(node.SelectionSet, new HashSet<string>(StringComparer.Ordinal), 0))
        {
            Context.ReportError("Maximum introspection depth exceeded", node);

            // Like graphql-js, the fields below a reported one are not checked again.
            _reported = node;
        }
    }

    public override void LeaveField(FieldNode node)
    {
        if (ReferenceEquals(node, _reported))
        {
            _reported = null;
        }
    }

    private bool ExceedsDepth(SelectionSetNode? selectionSet, HashSet<string> visitedFragments, int depth)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (selectionSet is null)
        {
            return false;
        }

        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                {
                    var fieldDepth = depth;
                    if (field.Name.Value is "fields" or "interfaces" or "possibleTypes" or "inputFields")
                    {
                        fieldDepth++;
                        if (fieldDepth >= MaxListsDepth)
                        {
                            return true;
                        }
                    }

                    if (ExceedsDepth(field.SelectionSet, visitedFragments, fieldDepth))
                    {
                        return true;
                    }

                    break;
                }

                case InlineFragmentNode inline:
                    if (ExceedsDepth(inline.SelectionSet, visitedFragments, depth))
                    {
                        return true;
                    }

                    break;
                case FragmentSpreadNode spread:
                {
                    var name = spread.Name.Value;
                    if (visitedFragments.Contains(name) || Context.GetFragment(name) is not { } fragment)
                    {
                        break;
                    }

                    if (!_fragmentResults.TryGetValue((name, depth), out var exceeds))
                    {
                        visitedFragments.Add(name);
                        exceeds = ExceedsDepth(fragment.SelectionSet, visitedFragments, depth);
                        visitedFragments.Remove(name);
                        _fragmentResults[(name, depth)] = exceeds;
                    }

                    if (exceeds)
                    {
                        return true;
                    }

                    break;
                }
            }
        }

        return false;
    }
}

/// <summary>Optional graphql-js NoSchemaIntrospectionCustomRule: rejects every field whose type is an introspection type.</summary>
internal sealed class NoSchemaIntrospectionVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterField(FieldNode node)
    {
        if (Context.Type is { } type && TypeUtilities.GetNamedType(type).Name.StartsWith("__", StringComparison.Ordinal))
        {
            Context.ReportError(
                $"GraphQL introspection has been disabled, but the requested query contained the field \"{node.Name.Value}\".",
                node);
        }
    }
}

/// <summary>Optional graphql-js NoDeprecatedCustomRule: reports uses of deprecated fields, arguments, input fields and enum values.</summary>
internal sealed class NoDeprecatedVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterField(FieldNode node)
    {
        if (Context.FieldDefinition is { DeprecationReason: { } reason } field && Context.ParentType is { } parentType)
        {
            Context.ReportError($"The field {parentType.Name}.{field.Name} is deprecated. {reason}", node);
        }
    }

    public override void EnterArgument(ArgumentNode node)
    {
        if (Context.Argument is not { DeprecationReason: { } reason } argument)
        {
            return;
        }

        if (Context.ArgumentOwner is DirectiveNode && Context.Directive is { } directive)
        {
            Context.ReportError($"Directive \"@{directive.Name}\" argument \"{argument.Name}\" is deprecated. {reason}", node);
        }
        else if (Context.FieldDefinition is { } field && Context.ParentType is { } parentType)
        {
            Context.ReportError($"Field \"{parentType.Name}.{field.Name}\" argument \"{argument.Name}\" is deprecated. {reason}", node);
        }
    }

    public override void EnterObjectField(ObjectFieldNode node)
    {
        if (Context.ParentInputType is { } parent && TypeUtilities.GetNamedType(parent) is InputObjectType inputType
            && inputType.Fields.GetValueOrDefault(node.Name.Value) is { DeprecationReason: { } reason } field)
        {
            Context.ReportError($"The input field {inputType.Name}.{field.Name} is deprecated. {reason}", node);
        }
    }

    public override void EnterValue(ValueNode node)
    {
        if (node is EnumValueNode && Context.EnumValue is { DeprecationReason: { } reason } value
            && Context.InputType is { } inputType)
        {
            Context.ReportError($"The enum value \"{TypeUtilities.GetNamedType(inputType).Name}.{value.Name}\" is deprecated. {reason}", node);
        }
    }
}
