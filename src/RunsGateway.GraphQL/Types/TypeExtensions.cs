using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>Predicates and helpers over <see cref="GraphQLType"/> (graphql-js's <c>isInputType</c>, <c>getNamedType</c>, …).</summary>
public static class GraphQLTypeExtensions
{
    /// <summary>The named type inside any list/non-null wrappers.</summary>
    public static NamedType NamedType(this GraphQLType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        while (true)
        {
            switch (type)
            {
                case NamedType named: return named;
                case ListType list: type = list.OfType; break;
                case NonNullType nonNull: type = nonNull.OfType; break;
                default: throw new InvalidOperationException("Unknown type wrapper.");
            }
        }
    }

    /// <summary>The type without an outer non-null wrapper.</summary>
    public static GraphQLType NullableType(this GraphQLType type) => type is NonNullType nonNull ? nonNull.OfType : type;

    /// <summary>True for <c>T!</c>.</summary>
    public static bool IsNonNullType(this GraphQLType type) => type is NonNullType;

    /// <summary>True for <c>[T]</c> and <c>[T]!</c>.</summary>
    public static bool IsListType(this GraphQLType type) => type.NullableType() is ListType;

    /// <summary>True when the named type is a scalar, enum or input object.</summary>
    public static bool IsInputType(this GraphQLType type) => type.NamedType() is ScalarType or EnumType or InputObjectType;

    /// <summary>True when the named type is a scalar, object, interface, union or enum.</summary>
    public static bool IsOutputType(this GraphQLType type) => type.NamedType() is ScalarType or ObjectType or InterfaceType or UnionType or EnumType;

    /// <summary>True for scalars and enums (unwrapped).</summary>
    public static bool IsLeafType(this GraphQLType type) => type is ScalarType or EnumType;

    /// <summary>True for objects, interfaces and unions (unwrapped).</summary>
    public static bool IsCompositeType(this GraphQLType type) => type is ObjectType or InterfaceType or UnionType;

    /// <summary>True for interfaces and unions (unwrapped).</summary>
    public static bool IsAbstractType(this GraphQLType type) => type is InterfaceType or UnionType;

    /// <summary>True for a non-null input value without a default (a required argument or input field).</summary>
    public static bool IsRequired(this InputValueDefinition value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Type is NonNullType && !value.HasDefaultValue;
    }

    /// <summary>The schema type a type reference names, or null when a named type is unknown (graphql-js's <c>typeFromAST</c>).</summary>
    public static GraphQLType? TypeFromAst(this Schema schema, TypeNode node)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(node);
        return node switch
        {
            NamedTypeNode named => schema.GetType(named.Name.Value),
            ListTypeNode list => schema.TypeFromAst(list.Type) is { } item ? new ListType(item) : null,
            NonNullTypeNode nonNull => schema.TypeFromAst(nonNull.Type) is { } inner ? new NonNullType(inner) : null,
            _ => null,
        };
    }
}

/// <summary>Type relations used by validation and schema validation (graphql-js's <c>typeComparators</c>).</summary>
public static class TypeComparators
{
    /// <summary>True when both types are the same named type under the same wrappers.</summary>
    public static bool IsEqualType(GraphQLType a, GraphQLType b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a, b) switch
        {
            (NonNullType x, NonNullType y) => IsEqualType(x.OfType, y.OfType),
            (ListType x, ListType y) => IsEqualType(x.OfType, y.OfType),
            _ => ReferenceEquals(a, b),
        };
    }

    /// <summary>True when <paramref name="maybeSubType"/> is equal to or a covariant subtype of <paramref name="superType"/>.</summary>
    public static bool IsTypeSubTypeOf(Schema schema, GraphQLType maybeSubType, GraphQLType superType)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(maybeSubType);
        ArgumentNullException.ThrowIfNull(superType);
        if (ReferenceEquals(maybeSubType, superType))
        {
            return true;
        }

        if (superType is NonNullType superNonNull)
        {
            return maybeSubType is NonNullType subNonNull && IsTypeSubTypeOf(schema, subNonNull.OfType, superNonNull.OfType);
        }

        if (maybeSubType is NonNullType nonNull)
        {
            return IsTypeSubTypeOf(schema, nonNull.OfType, superType);
        }

        if (superType is ListType superList)
        {
            return maybeSubType is ListType subList && IsTypeSubTypeOf(schema, subList.OfType, superList.OfType);
        }

        if (maybeSubType is ListType)
        {
            return false;
        }

        return superType is NamedType superNamed && superNamed.IsAbstractType()
            && maybeSubType is InterfaceType or ObjectType
            && schema.IsSubType(superNamed, (NamedType)maybeSubType);
    }

    /// <summary>True when two composite types can have a common runtime object type.</summary>
    public static bool DoTypesOverlap(Schema schema, NamedType typeA, NamedType typeB)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(typeA);
        ArgumentNullException.ThrowIfNull(typeB);
        if (ReferenceEquals(typeA, typeB))
        {
            return true;
        }

        if (typeA.IsAbstractType())
        {
            if (typeB.IsAbstractType())
            {
                foreach (var type in schema.GetPossibleTypes(typeA))
                {
                    if (schema.IsPossibleType(typeB, type))
                    {
                        return true;
                    }
                }

                return false;
            }

            return typeB is ObjectType objB && schema.IsPossibleType(typeA, objB);
        }

        return typeB.IsAbstractType() && typeA is ObjectType objA && schema.IsPossibleType(typeB, objA);
    }
}
