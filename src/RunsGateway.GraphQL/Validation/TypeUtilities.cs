using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation;

/// <summary>Small type predicates and conversions used by the validation rules.</summary>
internal static class TypeUtilities
{
    public static NamedType GetNamedType(GraphQLType type)
    {
        while (true)
        {
            switch (type)
            {
                case NonNullType nonNull:
                    type = nonNull.OfType;
                    continue;
                case ListType list:
                    type = list.OfType;
                    continue;
                default:
                    return (NamedType)type;
            }
        }
    }

    public static GraphQLType GetNullableType(GraphQLType type) => type is NonNullType nonNull ? nonNull.OfType : type;

    public static bool IsInputType(GraphQLType? type)
        => type is not null && GetNamedType(type) is ScalarType or EnumType or InputObjectType;

    public static bool IsOutputType(GraphQLType? type)
        => type is not null && GetNamedType(type) is ScalarType or EnumType or ObjectType or InterfaceType or UnionType;

    public static bool IsCompositeType(GraphQLType? type) => type is ObjectType or InterfaceType or UnionType;

    public static bool IsLeafType(GraphQLType? type) => type is ScalarType or EnumType;

    public static bool IsAbstractType(GraphQLType? type) => type is InterfaceType or UnionType;

    /// <summary>The schema type a type reference denotes, or null when its named type is unknown.</summary>
    public static GraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => TypeFromAst(schema, list.Type) is { } item ? new ListType(item) : null,
        NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner && inner is not NonNullType ? new NonNullType(inner) : null,
        _ => null,
    };

    public static InputValueDefinition? FindInputValue(IReadOnlyList<InputValueDefinition> definitions, string name)
    {
        for (var i = 0; i < definitions.Count; i++)
        {
            if (string.Equals(definitions[i].Name, name, StringComparison.Ordinal))
            {
                return definitions[i];
            }
        }

        return null;
    }

    /// <summary>True when some object type could be an instance of both types (graphql-js <c>doTypesOverlap</c>).</summary>
    public static bool DoTypesOverlap(Schema schema, NamedType typeA, NamedType typeB)
    {
        if (ReferenceEquals(typeA, typeB))
        {
            return true;
        }

        if (IsAbstractType(typeA))
        {
            if (IsAbstractType(typeB))
            {
                foreach (var possible in schema.GetPossibleTypes(typeA))
                {
                    if (schema.IsPossibleType(typeB, possible))
                    {
                        return true;
                    }
                }

                return false;
            }

            return schema.IsSubType(typeA, typeB);
        }

        if (IsAbstractType(typeB))
        {
            return schema.IsSubType(typeB, typeA);
        }

        return false;
    }

    /// <summary>Structural equality of two type references (same wrappers around the same named type).</summary>
    public static bool IsEqualType(GraphQLType a, GraphQLType b) => (a, b) switch
    {
        (NonNullType x, NonNullType y) => IsEqualType(x.OfType, y.OfType),
        (ListType x, ListType y) => IsEqualType(x.OfType, y.OfType),
        (NamedType x, NamedType y) => ReferenceEquals(x, y),
        _ => false,
    };
}
