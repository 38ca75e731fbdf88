using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>Variable Uniqueness: an operation defines each variable once.</summary>
internal sealed class UniqueVariableNamesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterOperation(OperationDefinitionNode node)
    {
        if (node.VariableDefinitions.Count < 2)
        {
            return;
        }

        foreach (var group in node.VariableDefinitions.GroupBy(v => v.Variable.Name.Value, StringComparer.Ordinal))
        {
            var definitions = group.ToList();
            if (definitions.Count > 1)
            {
                Context.ReportError(
                    $"There can be only one variable named \"${group.Key}\".",
                    definitions.Select(d => d.Variable.Name.Location.ToSourceLocation()).ToList());
            }
        }
    }
}

/// <summary>Variables Are Input Types.</summary>
internal sealed class VariablesAreInputTypesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterVariableDefinition(VariableDefinitionNode node)
    {
        var type = TypeUtilities.TypeFromAst(Context.Schema, node.Type);
        if (type is not null && !TypeUtilities.IsInputType(type))
        {
            Context.ReportError(
                $"Variable \"${node.Variable.Name.Value}\" cannot be non-input type \"{AstText.Print(node.Type)}\".",
                node.Type);
        }
    }
}

/// <summary>All Variable Uses Defined: every variable an operation uses (also through fragments) is defined by it.</summary>
internal sealed class NoUndefinedVariablesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void LeaveDocument(DocumentNode node)
    {
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            var defined = new HashSet<string>(operation.VariableDefinitions.Select(v => v.Variable.Name.Value), StringComparer.Ordinal);
            foreach (var usage in Context.GetRecursiveVariableUsages(operation))
            {
                var name = usage.Node.Name.Value;
                if (!defined.Contains(name))
                {
                    var message = operation.Name is { } operationName
                        ? $"Variable \"${name}\" is not defined by operation \"{operationName.Value}\"."
                        : $"Variable \"${name}\" is not defined.";
                    Context.ReportError(message, usage.Node, operation);
                }
            }
        }
    }
}

/// <summary>All Variables Used: every variable an operation defines is used by it (also through fragments).</summary>
internal sealed class NoUnusedVariablesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void LeaveDocument(DocumentNode node)
    {
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            var used = new HashSet<string>(Context.GetRecursiveVariableUsages(operation).Select(u => u.Node.Name.Value), StringComparer.Ordinal);
            foreach (var definition in operation.VariableDefinitions)
            {
                var name = definition.Variable.Name.Value;
                if (!used.Contains(name))
                {
                    var message = operation.Name is { } operationName
                        ? $"Variable \"${name}\" is never used in operation \"{operationName.Value}\"."
                        : $"Variable \"${name}\" is never used.";
                    Context.ReportError(message, definition);
                }
            }
        }
    }
}

/// <summary>
/// All Variable Usages Are Allowed: each variable's type fits every position it is used in. Following the spec's
/// IsNonNullPosition, a field of a OneOf input object is a non-null position whatever the nullability of the argument
/// that holds the object.
/// </summary>
internal sealed class VariablesInAllowedPositionVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void LeaveDocument(DocumentNode node)
    {
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            var definitions = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);
            foreach (var definition in operation.VariableDefinitions)
            {
                definitions.TryAdd(definition.Variable.Name.Value, definition);
            }

            foreach (var usage in Context.GetRecursiveVariableUsages(operation))
            {
                Check(usage, definitions);
            }
        }
    }

    private void Check(VariableUsage usage, Dictionary<string, VariableDefinitionNode> definitions)
    {
        var name = usage.Node.Name.Value;
        if (!definitions.TryGetValue(name, out var definition) || usage.Type is not { } locationType
            || TypeUtilities.TypeFromAst(Context.Schema, definition.Type) is not { } variableType)
        {
            return;
        }

        var oneOfParent = usage.InObjectField && usage.ParentInputType is { } parent
            && TypeUtilities.GetNullableType(parent) is InputObjectType { IsOneOf: true } oneOf
            ? oneOf
            : null;
        var nonNullPosition = locationType is NonNullType || oneOfParent is not null;

        bool allowed;
        if (nonNullPosition && variableType is not NonNullType)
        {
            var hasNonNullVariableDefault = definition.DefaultValue is not null and not NullValueNode;
            allowed = (hasNonNullVariableDefault || usage.HasLocationDefault)
                && AreTypesCompatible(variableType, TypeUtilities.GetNullableType(locationType));
        }
        else
        {
            allowed = AreTypesCompatible(variableType, locationType);
        }

        if (allowed)
        {
            return;
        }

        var message = oneOfParent is not null && locationType is not NonNullType && variableType is not NonNullType
            ? $"Variable \"${name}\" is of type \"{variableType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOfParent.Name}\"."
            : $"Variable \"${name}\" of type \"{variableType}\" used in position expecting type \"{locationType}\".";
        Context.ReportError(message, definition, usage.Node);
    }

    private static bool AreTypesCompatible(GraphQLType variableType, GraphQLType locationType)
    {
        while (true)
        {
            if (locationType is NonNullType locationNonNull)
            {
                if (variableType is not NonNullType variableNonNull)
                {
                    return false;
                }

                variableType = variableNonNull.OfType;
                locationType = locationNonNull.OfType;
                continue;
            }

            if (variableType is NonNullType nonNullVariable)
            {
                variableType = nonNullVariable.OfType;
                continue;
            }

            if (locationType is ListType locationList)
            {
                if (variableType is not ListType variableList)
                {
                    return false;
                }

                variableType = variableList.OfType;
                locationType = locationList.OfType;
                continue;
            }

            if (variableType is ListType)
            {
                return false;
            }

            return ReferenceEquals(variableType, locationType);
        }
    }
}
