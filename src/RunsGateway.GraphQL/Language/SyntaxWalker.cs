namespace RunsGateway.GraphQL.Language;

/// <summary>
/// Depth-first walker over a syntax tree. Children are visited in source order. Override <see cref="Enter"/>
/// (return false to skip a node's children) and <see cref="Leave"/>.
/// </summary>
public abstract class SyntaxWalker
{
    /// <summary>Walks <paramref name="node"/> and its descendants.</summary>
    public void Walk(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Enter(node))
        {
            foreach (var child in GetChildren(node))
            {
                Walk(child);
            }
        }

        Leave(node);
    }

    /// <summary>Called before a node's children; return false to skip them.</summary>
    protected virtual bool Enter(SyntaxNode node) => true;

    /// <summary>Called after a node's children.</summary>
    protected virtual void Leave(SyntaxNode node)
    {
    }

    /// <summary>The direct children of <paramref name="node"/> in source order.</summary>
    public static IEnumerable<SyntaxNode> GetChildren(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node switch
        {
            DocumentNode n => n.Definitions,
            OperationDefinitionNode n => Concat(n.Description, n.Name, n.VariableDefinitions, n.Directives, n.SelectionSet),
            VariableDefinitionNode n => Concat(n.Description, n.Variable, n.Type, n.DefaultValue, n.Directives),
            SelectionSetNode n => n.Selections,
            FieldNode n => Concat(n.Alias, n.Name, n.Arguments, n.Directives, n.SelectionSet),
            ArgumentNode n => Concat(n.Name, n.Value),
            FragmentSpreadNode n => Concat(n.Name, n.Directives),
            InlineFragmentNode n => Concat(n.TypeCondition, n.Directives, n.SelectionSet),
            FragmentDefinitionNode n => Concat(n.Description, n.Name, n.TypeCondition, n.Directives, n.SelectionSet),
            VariableNode n => [n.Name],
            ListValueNode n => n.Values,
            ObjectValueNode n => n.Fields,
            ObjectFieldNode n => Concat(n.Name, n.Value),
            DirectiveNode n => Concat(n.Name, n.Arguments),
            NamedTypeNode n => [n.Name],
            ListTypeNode n => [n.Type],
            NonNullTypeNode n => [n.Type],
            SchemaDefinitionNode n => Concat(n.Description, n.Directives, n.OperationTypes),
            OperationTypeDefinitionNode n => [n.Type],
            ScalarTypeDefinitionNode n => Concat(n.Description, n.Name, n.Directives),
            ObjectTypeDefinitionNode n => Concat(n.Description, n.Name, n.Interfaces, n.Directives, n.Fields),
            FieldDefinitionNode n => Concat(n.Description, n.Name, n.Arguments, n.Type, n.Directives),
            InputValueDefinitionNode n => Concat(n.Description, n.Name, n.Type, n.DefaultValue, n.Directives),
            InterfaceTypeDefinitionNode n => Concat(n.Description, n.Name, n.Interfaces, n.Directives, n.Fields),
            UnionTypeDefinitionNode n => Concat(n.Description, n.Name, n.Directives, n.Types),
            EnumTypeDefinitionNode n => Concat(n.Description, n.Name, n.Directives, n.Values),
            EnumValueDefinitionNode n => Concat(n.Description, n.Name, n.Directives),
            InputObjectTypeDefinitionNode n => Concat(n.Description, n.Name, n.Directives, n.Fields),
            DirectiveDefinitionNode n => Concat(n.Description, n.Name, n.Arguments, n.Locations),
            SchemaExtensionNode n => Concat(n.Directives, n.OperationTypes),
            ScalarTypeExtensionNode n => Concat(n.Name, n.Directives),
            ObjectTypeExtensionNode n => Concat(n.Name, n.Interfaces, n.Directives, n.Fields),
            InterfaceTypeExtensionNode n => Concat(n.Name, n.Interfaces, n.Directives, n.Fields),
            UnionTypeExtensionNode n => Concat(n.Name, n.Directives, n.Types),
            EnumTypeExtensionNode n => Concat(n.Name, n.Directives, n.Values),
            InputObjectTypeExtensionNode n => Concat(n.Name, n.Directives, n.Fields),
            _ => [],
        };
    }

    private static List<SyntaxNode> Concat(params ReadOnlySpan<object?> parts)
    {
        var result = new List<SyntaxNode>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case SyntaxNode node:
                    result.Add(node);
                    break;
                case IEnumerable<SyntaxNode> nodes:
                    result.AddRange(nodes);
                    break;
                default:
                    break;
            }
        }

        return result;
    }
}
