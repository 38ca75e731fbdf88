using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>
/// Values of Correct Type, Input Object Field Names, Input Object Required Fields and the OneOf literal rules: every
/// literal is coercible to the type expected where it appears.
/// </summary>
internal sealed class ValuesOfCorrectTypeVisitor(ValidationContext context) : ValidationVisitor(context)
{
    // A list or object given where a leaf is expected is reported once, as a whole; its contents are not visited.
    private ValueNode? _skipped;

    public override void EnterValue(ValueNode node)
    {
        if (_skipped is not null)
        {
            return;
        }

        switch (node)
        {
            case VariableNode:
                return;
            case ListValueNode:
            {
                if (Context.InputType is { } listExpected && TypeUtilities.GetNullableType(listExpected) is not ListType)
                {
                    IsValidValueNode(node, TypeUtilities.GetNullableType(listExpected));
                    _skipped = node;
                }

                return;
            }

            case ObjectValueNode obj:
                EnterObjectValue(obj);
                return;
            case NullValueNode:
                if (Context.InputType is NonNullType nonNull)
                {
                    Context.ReportError($"Expected value of type \"{nonNull}\", found null.", node);
                }

                return;
            default:
                IsValidValueNode(node, Context.InputType);
                return;
        }
    }

    public override void LeaveValue(ValueNode node)
    {
        if (ReferenceEquals(node, _skipped))
        {
            _skipped = null;
        }
    }

    public override void EnterObjectField(ObjectFieldNode node)
    {
        if (_skipped is not null || Context.InputType is not null)
        {
            return;
        }

        if (Context.ParentInputType is { } parent && TypeUtilities.GetNamedType(parent) is InputObjectType parentType)
        {
            var hint = Suggestions.DidYouMean(Suggestions.SuggestionList(node.Name.Value, parentType.Fields.Keys));
            Context.ReportError($"Field \"{node.Name.Value}\" is not defined by type \"{parentType.Name}\".{hint}", node);
        }
    }

    private void EnterObjectValue(ObjectValueNode node)
    {
        if (Context.InputType is not { } expected)
        {
            return;
        }

        if (TypeUtilities.GetNamedType(expected) is not InputObjectType type)
        {
            IsValidValueNode(node, expected);
            _skipped = node;
            return;
        }

        var provided = new Dictionary<string, ObjectFieldNode>(StringComparer.Ordinal);
        foreach (var field in node.Fields)
        {
            provided.TryAdd(field.Name.Value, field);
        }

        foreach (var definition in type.Fields.Values)
        {
            if (!provided.ContainsKey(definition.Name) && definition.Type is NonNullType && !definition.HasDefaultValue)
            {
                Context.ReportError(
                    $"Field \"{type.Name}.{definition.Name}\" of required type \"{definition.Type}\" was not provided.",
                    node);
            }
        }

        if (type.IsOneOf)
        {
            if (provided.Count != 1)
            {
                Context.ReportError($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
                return;
            }

            var only = provided.Values.First();
            if (only.Value is NullValueNode)
            {
                Context.ReportError($"Field \"{type.Name}.{only.Name.Value}\" must be non-null.", node);
            }
        }
    }

    private void IsValidValueNode(ValueNode node, GraphQLType? locationType)
    {
        if (locationType is null)
        {
            // Unknown argument or field: reported by KnownArgumentNamesRule / the object field check.
            return;
        }

        var type = TypeUtilities.GetNamedType(locationType);
        if (!TypeUtilities.IsLeafType(type))
        {
            Context.ReportError($"Expected value of type \"{locationType}\", found {AstText.Print(node)}.", node);
            return;
        }

        string? failure;
        try
        {
            failure = type switch
            {
                EnumType enumType => TryParse(() => enumType.ParseLiteral(node)),
                ScalarType scalar => TryParse(() => scalar.ParseLiteral(node, null)),
                _ => null,
            };
        }
        catch (ScalarCoercionException ex)
        {
            failure = ex.Message;
        }

        if (failure is not null)
        {
            Context.ReportError(failure.Length > 0 ? failure : $"Expected value of type \"{locationType}\", found {AstText.Print(node)}.", node);
        }
    }

    // Returns null on success, or the failure message.
    private static string? TryParse(Func<object?> parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (ScalarCoercionException ex)
        {
            return ex.Message;
        }
        catch (GraphQLException ex)
        {
            return ex.Errors[0].Message;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException or ArgumentException or InvalidOperationException)
        {
            // A custom scalar's literal parser signalled a bad literal with a general exception.
            return ex.Message;
        }
    }
}

/// <summary>Input Object Field Uniqueness.</summary>
internal sealed class UniqueInputFieldNamesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterValue(ValueNode node)
    {
        if (node is not ObjectValueNode { Fields.Count: > 1 } obj)
        {
            return;
        }

        var known = new Dictionary<string, NameNode>(StringComparer.Ordinal);
        foreach (var field in obj.Fields)
        {
            var name = field.Name;
            if (known.TryGetValue(name.Value, out var first))
            {
                Context.ReportError($"There can be only one input field named \"{name.Value}\".", first, name);
            }
            else
            {
                known[name.Value] = name;
            }
        }
    }
}
