using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>Any GraphQL type: a named type or a list/non-null wrapper.</summary>
public abstract class GraphQLType
{
    private protected GraphQLType()
    {
    }

    /// <summary>The type kind.</summary>
    public abstract TypeKind Kind { get; }

    /// <summary>The type reference in GraphQL syntax, e.g. <c>[Int!]!</c>.</summary>
    public abstract override string ToString();
}

/// <summary>A named type: scalar, object, interface, union, enum or input object.</summary>
public abstract class NamedType : GraphQLType
{
    private protected NamedType(string name, string? description)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description;
    }

    /// <summary>The type name.</summary>
    public string Name { get; }

    /// <summary>The description (Markdown), if any.</summary>
    public string? Description { get; }

    /// <summary>The SDL definition this type was built from, if any.</summary>
    public TypeDefinitionNode? AstNode { get; init; }

    /// <summary>The SDL extensions applied to this type, in source order.</summary>
    public IReadOnlyList<TypeExtensionNode> ExtensionAstNodes { get; init; } = [];

    /// <summary>True for the built-in scalars and the introspection types (<c>__</c> names).</summary>
    public bool IsBuiltIn => Name.StartsWith("__", StringComparison.Ordinal) || Scalars.IsSpecifiedScalarName(Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A list wrapper <c>[T]</c>.</summary>
public sealed class ListType : GraphQLType
{
    /// <summary>Creates <c>[ofType]</c>.</summary>
    public ListType(GraphQLType ofType)
    {
        ArgumentNullException.ThrowIfNull(ofType);
        OfType = ofType;
    }

    /// <summary>The item type.</summary>
    public GraphQLType OfType { get; }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.List;

    /// <inheritdoc />
    public override string ToString() => "[" + OfType + "]";

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ListType other && OfType.Equals(other.OfType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(1, OfType);
}

/// <summary>A non-null wrapper <c>T!</c>.</summary>
public sealed class NonNullType : GraphQLType
{
    /// <summary>Creates <c>ofType!</c>; <paramref name="ofType"/> must be nullable.</summary>
    public NonNullType(GraphQLType ofType)
    {
        ArgumentNullException.ThrowIfNull(ofType);
        if (ofType is NonNullType)
        {
            throw new ArgumentException("A non-null type cannot wrap another non-null type.", nameof(ofType));
        }

        OfType = ofType;
    }

    /// <summary>The nullable inner type.</summary>
    public GraphQLType OfType { get; }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.NonNull;

    /// <inheritdoc />
    public override string ToString() => OfType + "!";

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NonNullType other && OfType.Equals(other.OfType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(2, OfType);
}
