namespace RunsGateway.GraphQL.Language;

// AST shapes mirror graphql-js (kinds, property names, nullability) so that ports of its algorithms read naturally.

/// <summary>Base of every syntax node.</summary>
public abstract class SyntaxNode
{
    /// <summary>The node kind (graphql-js's kind name).</summary>
    public abstract SyntaxKind Kind { get; }

    /// <summary>Where the node is in its source; default for nodes created in code.</summary>
    public Location Location { get; init; }
}

/// <summary>A node that can carry directives.</summary>
public interface IHasDirectives
{
    /// <summary>Directives applied to this node, in source order.</summary>
    IReadOnlyList<DirectiveNode> Directives { get; }
}

/// <summary>A top-level definition of a document.</summary>
public abstract class DefinitionNode : SyntaxNode
{
}

/// <summary>An operation or fragment definition.</summary>
public abstract class ExecutableDefinitionNode : DefinitionNode, IHasDirectives
{
    /// <summary>The description, if any (descriptions on executable definitions are a spec draft feature).</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>Directives applied to this definition.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];

    /// <summary>The selection set.</summary>
    public required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>A field, fragment spread or inline fragment.</summary>
public abstract class SelectionNode : SyntaxNode, IHasDirectives
{
    /// <summary>Directives applied to this selection.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>A literal value or a variable.</summary>
public abstract class ValueNode : SyntaxNode
{
}

/// <summary>A type reference: named, list or non-null.</summary>
public abstract class TypeNode : SyntaxNode
{
}

/// <summary>A type-system definition or extension (schema, type, directive).</summary>
public abstract class TypeSystemDefinitionNode : DefinitionNode
{
}

/// <summary>A schema or type extension.</summary>
public abstract class TypeSystemExtensionNode : TypeSystemDefinitionNode, IHasDirectives
{
    /// <summary>Directives applied to this extension.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>A named type definition (scalar, object, interface, union, enum, input object).</summary>
public abstract class TypeDefinitionNode : TypeSystemDefinitionNode, IHasDirectives
{
    /// <summary>The description, if any.</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>The type name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>Directives applied to this type.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>An extension of a named type.</summary>
public abstract class TypeExtensionNode : TypeSystemExtensionNode
{
    /// <summary>The name of the extended type.</summary>
    public required NameNode Name { get; init; }
}
/// <summary>The graphql-js <c>Name</c> node.</summary>
public sealed class NameNode : SyntaxNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.Name;

    /// <summary>The name text.</summary>
    public required string Value { get; init; }

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>The graphql-js <c>Document</c> node.</summary>
public sealed class DocumentNode : SyntaxNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.Document;

    /// <summary>Top-level definitions in source order.</summary>
    public IReadOnlyList<DefinitionNode> Definitions { get; init; } = [];
}

/// <summary>The graphql-js <c>OperationDefinition</c> node.</summary>
public sealed class OperationDefinitionNode : ExecutableDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.OperationDefinition;

    /// <summary>query, mutation or subscription.</summary>
    public required OperationType Operation { get; init; }

    /// <summary>The operation name; null for anonymous operations.</summary>
    public NameNode? Name { get; init; }

    /// <summary>Variable definitions.</summary>
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = [];
}

/// <summary>The graphql-js <c>VariableDefinition</c> node.</summary>
public sealed class VariableDefinitionNode : SyntaxNode, IHasDirectives
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.VariableDefinition;

    /// <summary>The description, if any.</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>The variable.</summary>
    public required VariableNode Variable { get; init; }

    /// <summary>The variable's type.</summary>
    public required TypeNode Type { get; init; }

    /// <summary>The default value, if any.</summary>
    public ValueNode? DefaultValue { get; init; }

    /// <summary>Directives applied to this node.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>The graphql-js <c>SelectionSet</c> node.</summary>
public sealed class SelectionSetNode : SyntaxNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.SelectionSet;

    /// <summary>The selections in source order.</summary>
    public IReadOnlyList<SelectionNode> Selections { get; init; } = [];
}

/// <summary>The graphql-js <c>Field</c> node.</summary>
public sealed class FieldNode : SelectionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.Field;

    /// <summary>The alias, if any.</summary>
    public NameNode? Alias { get; init; }

    /// <summary>The field name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];

    /// <summary>The sub-selection, if any.</summary>
    public SelectionSetNode? SelectionSet { get; init; }

    /// <summary>The response key: the alias if present, otherwise the field name.</summary>
    public string ResponseKey => Alias?.Value ?? Name.Value;
}

/// <summary>The graphql-js <c>Argument</c> node.</summary>
public sealed class ArgumentNode : SyntaxNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.Argument;

    /// <summary>The argument name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>The argument value.</summary>
    public required ValueNode Value { get; init; }
}

/// <summary>The graphql-js <c>FragmentSpread</c> node.</summary>
public sealed class FragmentSpreadNode : SelectionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.FragmentSpread;

    /// <summary>The fragment name.</summary>
    public required NameNode Name { get; init; }
}

/// <summary>The graphql-js <c>InlineFragment</c> node.</summary>
public sealed class InlineFragmentNode : SelectionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.InlineFragment;

    /// <summary>The type condition, if any.</summary>
    public NamedTypeNode? TypeCondition { get; init; }

    /// <summary>The selection set.</summary>
    public required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>The graphql-js <c>FragmentDefinition</c> node.</summary>
public sealed class FragmentDefinitionNode : ExecutableDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.FragmentDefinition;

    /// <summary>The fragment name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>The type condition.</summary>
    public required NamedTypeNode TypeCondition { get; init; }
}

/// <summary>The graphql-js <c>Variable</c> node.</summary>
public sealed class VariableNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.Variable;

    /// <summary>The variable name (without $).</summary>
    public required NameNode Name { get; init; }
}

/// <summary>The graphql-js <c>IntValue</c> node.</summary>
public sealed class IntValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.IntValue;

    /// <summary>The literal text.</summary>
    public required string Value { get; init; }
}

/// <summary>The graphql-js <c>FloatValue</c> node.</summary>
public sealed class FloatValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.FloatValue;

    /// <summary>The literal text.</summary>
    public required string Value { get; init; }
}

/// <summary>The graphql-js <c>StringValue</c> node.</summary>
public sealed class StringValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.StringValue;

    /// <summary>The decoded string.</summary>
    public required string Value { get; init; }

    /// <summary>True for a block string.</summary>
    public bool Block { get; init; }
}

/// <summary>The graphql-js <c>BooleanValue</c> node.</summary>
public sealed class BooleanValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.BooleanValue;

    /// <summary>The value.</summary>
    public required bool Value { get; init; }
}

/// <summary>The graphql-js <c>NullValue</c> node.</summary>
public sealed class NullValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.NullValue;
}

/// <summary>The graphql-js <c>EnumValue</c> node.</summary>
public sealed class EnumValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.EnumValue;

    /// <summary>The enum value name.</summary>
    public required string Value { get; init; }
}

/// <summary>The graphql-js <c>ListValue</c> node.</summary>
public sealed class ListValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ListValue;

    /// <summary>The items.</summary>
    public IReadOnlyList<ValueNode> Values { get; init; } = [];
}

/// <summary>The graphql-js <c>ObjectValue</c> node.</summary>
public sealed class ObjectValueNode : ValueNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ObjectValue;

    /// <summary>The fields in source order.</summary>
    public IReadOnlyList<ObjectFieldNode> Fields { get; init; } = [];
}

/// <summary>The graphql-js <c>ObjectField</c> node.</summary>
public sealed class ObjectFieldNode : SyntaxNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ObjectField;

    /// <summary>The field name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>The field value.</summary>
    public required ValueNode Value { get; init; }
}

/// <summary>The graphql-js <c>Directive</c> node.</summary>
public sealed class DirectiveNode : SyntaxNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.Directive;

    /// <summary>The directive name (without @).</summary>
    public required NameNode Name { get; init; }

    /// <summary>Arguments.</summary>
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
}

/// <summary>The graphql-js <c>NamedType</c> node.</summary>
public sealed class NamedTypeNode : TypeNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.NamedType;

    /// <summary>The type name.</summary>
    public required NameNode Name { get; init; }
}

/// <summary>The graphql-js <c>ListType</c> node.</summary>
public sealed class ListTypeNode : TypeNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ListType;

    /// <summary>The item type.</summary>
    public required TypeNode Type { get; init; }
}

/// <summary>The graphql-js <c>NonNullType</c> node.</summary>
public sealed class NonNullTypeNode : TypeNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.NonNullType;

    /// <summary>The nullable type (named or list).</summary>
    public required TypeNode Type { get; init; }
}

/// <summary>The graphql-js <c>SchemaDefinition</c> node.</summary>
public sealed class SchemaDefinitionNode : TypeSystemDefinitionNode, IHasDirectives
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.SchemaDefinition;

    /// <summary>The description, if any.</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>Directives applied to this node.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];

    /// <summary>Root operation types.</summary>
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = [];
}

/// <summary>The graphql-js <c>OperationTypeDefinition</c> node.</summary>
public sealed class OperationTypeDefinitionNode : SyntaxNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.OperationTypeDefinition;

    /// <summary>The operation type.</summary>
    public required OperationType Operation { get; init; }

    /// <summary>The root type.</summary>
    public required NamedTypeNode Type { get; init; }
}

/// <summary>The graphql-js <c>ScalarTypeDefinition</c> node.</summary>
public sealed class ScalarTypeDefinitionNode : TypeDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ScalarTypeDefinition;
}

/// <summary>The graphql-js <c>ObjectTypeDefinition</c> node.</summary>
public sealed class ObjectTypeDefinitionNode : TypeDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ObjectTypeDefinition;

    /// <summary>Implemented interfaces.</summary>
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];

    /// <summary>Field definitions.</summary>
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

/// <summary>The graphql-js <c>FieldDefinition</c> node.</summary>
public sealed class FieldDefinitionNode : SyntaxNode, IHasDirectives
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.FieldDefinition;

    /// <summary>The description, if any.</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>The field name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>Argument definitions.</summary>
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];

    /// <summary>The field type.</summary>
    public required TypeNode Type { get; init; }

    /// <summary>Directives applied to this node.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>The graphql-js <c>InputValueDefinition</c> node.</summary>
public sealed class InputValueDefinitionNode : SyntaxNode, IHasDirectives
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.InputValueDefinition;

    /// <summary>The description, if any.</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>The argument or input field name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>The input type.</summary>
    public required TypeNode Type { get; init; }

    /// <summary>The default value, if any.</summary>
    public ValueNode? DefaultValue { get; init; }

    /// <summary>Directives applied to this node.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>The graphql-js <c>InterfaceTypeDefinition</c> node.</summary>
public sealed class InterfaceTypeDefinitionNode : TypeDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.InterfaceTypeDefinition;

    /// <summary>Implemented interfaces.</summary>
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];

    /// <summary>Field definitions.</summary>
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

/// <summary>The graphql-js <c>UnionTypeDefinition</c> node.</summary>
public sealed class UnionTypeDefinitionNode : TypeDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.UnionTypeDefinition;

    /// <summary>Member types.</summary>
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

/// <summary>The graphql-js <c>EnumTypeDefinition</c> node.</summary>
public sealed class EnumTypeDefinitionNode : TypeDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.EnumTypeDefinition;

    /// <summary>Enum values.</summary>
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

/// <summary>The graphql-js <c>EnumValueDefinition</c> node.</summary>
public sealed class EnumValueDefinitionNode : SyntaxNode, IHasDirectives
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.EnumValueDefinition;

    /// <summary>The description, if any.</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>The value name.</summary>
    public required NameNode Name { get; init; }

    /// <summary>Directives applied to this node.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>The graphql-js <c>InputObjectTypeDefinition</c> node.</summary>
public sealed class InputObjectTypeDefinitionNode : TypeDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.InputObjectTypeDefinition;

    /// <summary>Input field definitions.</summary>
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}

/// <summary>The graphql-js <c>DirectiveDefinition</c> node.</summary>
public sealed class DirectiveDefinitionNode : TypeSystemDefinitionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.DirectiveDefinition;

    /// <summary>The description, if any.</summary>
    public StringValueNode? Description { get; init; }

    /// <summary>The directive name (without @).</summary>
    public required NameNode Name { get; init; }

    /// <summary>Argument definitions.</summary>
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];

    /// <summary>True when declared <c>repeatable</c>.</summary>
    public bool Repeatable { get; init; }

    /// <summary>Directive locations as names (for example FIELD).</summary>
    public IReadOnlyList<NameNode> Locations { get; init; } = [];
}

/// <summary>The graphql-js <c>SchemaExtension</c> node.</summary>
public sealed class SchemaExtensionNode : TypeSystemExtensionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.SchemaExtension;

    /// <summary>Root operation types.</summary>
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = [];
}

/// <summary>The graphql-js <c>ScalarTypeExtension</c> node.</summary>
public sealed class ScalarTypeExtensionNode : TypeExtensionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ScalarTypeExtension;
}

/// <summary>The graphql-js <c>ObjectTypeExtension</c> node.</summary>
public sealed class ObjectTypeExtensionNode : TypeExtensionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.ObjectTypeExtension;

    /// <summary>Implemented interfaces.</summary>
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];

    /// <summary>Field definitions.</summary>
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

/// <summary>The graphql-js <c>InterfaceTypeExtension</c> node.</summary>
public sealed class InterfaceTypeExtensionNode : TypeExtensionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.InterfaceTypeExtension;

    /// <summary>Implemented interfaces.</summary>
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];

    /// <summary>Field definitions.</summary>
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

/// <summary>The graphql-js <c>UnionTypeExtension</c> node.</summary>
public sealed class UnionTypeExtensionNode : TypeExtensionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.UnionTypeExtension;

    /// <summary>Member types.</summary>
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

/// <summary>The graphql-js <c>EnumTypeExtension</c> node.</summary>
public sealed class EnumTypeExtensionNode : TypeExtensionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.EnumTypeExtension;

    /// <summary>Enum values.</summary>
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

/// <summary>The graphql-js <c>InputObjectTypeExtension</c> node.</summary>
public sealed class InputObjectTypeExtensionNode : TypeExtensionNode
{
    /// <inheritdoc />
    public override SyntaxKind Kind => SyntaxKind.InputObjectTypeExtension;

    /// <summary>Input field definitions.</summary>
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}
