using System.Diagnostics.CodeAnalysis;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Introspection;

/// <summary>
/// The meta fields of spec §4.2: <c>__typename</c> (on every object, interface and union) and <c>__schema</c> and
/// <c>__type(name:)</c> (on the query root type only), as <see cref="FieldDefinition"/>s with resolvers, so the validator and
/// the executor look them up the same way.
/// </summary>
public static class IntrospectionMetaFields
{
    /// <summary><c>__schema: __Schema!</c>; resolves to the executing <see cref="Schema"/>.</summary>
    public static FieldDefinition SchemaField { get; } = new(
        "__schema",
        new NonNullType(IntrospectionTypes.SchemaType),
        static context => new ValueTask<object?>(context.Schema))
    {
        Description = "Access the current type schema of this server.",
    };

    /// <summary><c>__type(name: String!): __Type</c>; resolves to the named type or null.</summary>
    public static FieldDefinition TypeField { get; } = new(
        "__type",
        IntrospectionTypes.TypeType,
        static context => new ValueTask<object?>(
            context.Arguments.TryGetValue("name", out var name) && name is string typeName ? context.Schema.GetType(typeName) : null))
    {
        Description = "Request the type information of a single type.",
        Arguments = [new InputValueDefinition("name", new NonNullType(Scalars.String))],
    };

    /// <summary><c>__typename: String!</c>; resolves to the name of the parent's runtime object type.</summary>
    public static FieldDefinition TypeNameField { get; } = new(
        "__typename",
        new NonNullType(Scalars.String),
        static context => new ValueTask<object?>(context.ParentType.Name))
    {
        Description = "The name of the current Object type at runtime.",
    };

    /// <summary>True for <c>__schema</c>, <c>__type</c> and <c>__typename</c>.</summary>
    public static bool IsMetaFieldName(string name) => name is "__schema" or "__type" or "__typename";

    /// <summary>
    /// Finds a meta field: <c>__typename</c> on any object, interface or union type, <c>__schema</c>/<c>__type</c> only when
    /// <paramref name="parentType"/> is the schema's query root type (graphql-js <c>getFieldDef</c>).
    /// </summary>
    public static bool TryGetMetaField(Schema schema, NamedType parentType, string name, [MaybeNullWhen(false)] out FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(parentType);
        ArgumentNullException.ThrowIfNull(name);

        switch (name)
        {
            case "__typename" when parentType is ObjectType or InterfaceType or UnionType:
                field = TypeNameField;
                return true;
            case "__schema" when schema.HasQueryType && ReferenceEquals(parentType, schema.QueryType):
                field = SchemaField;
                return true;
            case "__type" when schema.HasQueryType && ReferenceEquals(parentType, schema.QueryType):
                field = TypeField;
                return true;
            default:
                field = null;
                return false;
        }
    }

    /// <summary>
    /// The field named <paramref name="name"/> of <paramref name="parentType"/>, meta fields included; null when there is none.
    /// </summary>
    public static FieldDefinition? GetField(Schema schema, NamedType parentType, string name)
    {
        if (name.StartsWith("__", StringComparison.Ordinal) && TryGetMetaField(schema, parentType, name, out var meta))
        {
            return meta;
        }

        return parentType is ComplexType complex ? complex.GetField(name) : null;
    }
}
