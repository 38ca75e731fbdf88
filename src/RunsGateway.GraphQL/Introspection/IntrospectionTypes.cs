using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Introspection;

/// <summary>
/// The introspection meta types of spec §4.2 (<c>__Schema</c>, <c>__Type</c>, <c>__TypeKind</c>, <c>__Field</c>,
/// <c>__InputValue</c>, <c>__EnumValue</c>, <c>__Directive</c>, <c>__DirectiveLocation</c>) with their resolvers.
/// They are schema independent: resolvers read the schema from <see cref="IResolverContext.Schema"/>, and the parent
/// values are the type-system objects themselves (<see cref="Schema"/>, <see cref="GraphQLType"/>,
/// <see cref="FieldDefinition"/>, <see cref="InputValueDefinition"/>, <see cref="EnumValueDefinition"/>,
/// <see cref="DirectiveDefinition"/>). Definitions and descriptions follow graphql-js 16 so that introspection results
/// equal the reference implementation's (see the conformance corpus README, "Known divergences").
/// </summary>
public static class IntrospectionTypes
{
    /// <summary>The value of <c>__DirectiveLocation.DIRECTIVE_DEFINITION</c>, which graphql-js 16 exposes experimentally.</summary>
    public const string DirectiveDefinitionLocation = "DIRECTIVE_DEFINITION";

    /// <summary><c>__TypeKind</c>; runtime values are <see cref="Types.TypeKind"/> members.</summary>
    public static EnumType TypeKindType { get; } = new(
        "__TypeKind",
        [
            KindValue(TypeKind.Scalar, "Indicates this type is a scalar."),
            KindValue(TypeKind.Object, "Indicates this type is an object. `fields` and `interfaces` are valid fields."),
            KindValue(TypeKind.Interface, "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields."),
            KindValue(TypeKind.Union, "Indicates this type is a union. `possibleTypes` is a valid field."),
            KindValue(TypeKind.Enum, "Indicates this type is an enum. `enumValues` is a valid field."),
            KindValue(TypeKind.InputObject, "Indicates this type is an input object. `inputFields` is a valid field."),
            KindValue(TypeKind.List, "Indicates this type is a list. `ofType` is a valid field."),
            KindValue(TypeKind.NonNull, "Indicates this type is a non-null. `ofType` is a valid field."),
        ],
        "An enum describing what kind of type a given `__Type` is.");

    /// <summary><c>__DirectiveLocation</c>; runtime values are the spec names (strings).</summary>
    public static EnumType DirectiveLocationType { get; } = new(
        "__DirectiveLocation",
        [
            LocationValue("QUERY", "Location adjacent to a query operation."),
            LocationValue("MUTATION", "Location adjacent to a mutation operation."),
            LocationValue("SUBSCRIPTION", "Location adjacent to a subscription operation."),
            LocationValue("FIELD", "Location adjacent to a field."),
            LocationValue("FRAGMENT_DEFINITION", "Location adjacent to a fragment definition."),
            LocationValue("FRAGMENT_SPREAD", "Location adjacent to a fragment spread."),
            LocationValue("INLINE_FRAGMENT", "Location adjacent to an inline fragment."),
            LocationValue("VARIABLE_DEFINITION", "Location adjacent to a variable definition."),
            LocationValue("SCHEMA", "Location adjacent to a schema definition."),
            LocationValue("SCALAR", "Location adjacent to a scalar definition."),
            LocationValue("OBJECT", "Location adjacent to an object type definition."),
            LocationValue("FIELD_DEFINITION", "Location adjacent to a field definition."),
            LocationValue("ARGUMENT_DEFINITION", "Location adjacent to an argument definition."),
            LocationValue("INTERFACE", "Location adjacent to an interface definition."),
            LocationValue("UNION", "Location adjacent to a union definition."),
            LocationValue("ENUM", "Location adjacent to an enum definition."),
            LocationValue("ENUM_VALUE", "Location adjacent to an enum value definition."),
            LocationValue("INPUT_OBJECT", "Location adjacent to an input object type definition."),
            LocationValue("INPUT_FIELD_DEFINITION", "Location adjacent to an input object field definition."),
            LocationValue(DirectiveDefinitionLocation, "Location adjacent to a directive definition."),
        ],
        "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.");

    /// <summary><c>__Schema</c>; the parent value is the <see cref="Schema"/>.</summary>
    public static ObjectType SchemaType { get; } = new(
        "__Schema",
        static () =>
        [
            MetaField("description", Scalars.String, static c => ((Schema)c.Parent!).Description),
            MetaField("types", NonNullListOfNonNull(TypeType!), static c => ((Schema)c.Parent!).Types.Values.ToArray(), "A list of all types supported by this server."),
            MetaField("queryType", new NonNullType(TypeType!), static c => ((Schema)c.Parent!).QueryType, "The type that query operations will be rooted at."),
            MetaField(
                "mutationType",
                TypeType!,
                static c => ((Schema)c.Parent!).MutationType,
                "If this server supports mutation, the type that mutation operations will be rooted at."),
            MetaField(
                "subscriptionType",
                TypeType!,
                static c => ((Schema)c.Parent!).SubscriptionType,
                "If this server support subscription, the type that subscription operations will be rooted at."),
            MetaField(
                "directives",
                NonNullListOfNonNull(DirectiveType!),
                static c => ((Schema)c.Parent!).Directives.ToArray(),
                "A list of all directives supported by this server.",
                [IncludeDeprecatedArgument(nonNull: true)]),
        ],
        description: "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.");

    /// <summary><c>__Type</c>; the parent value is a <see cref="GraphQLType"/> (named or wrapper).</summary>
    public static ObjectType TypeType { get; } = new(
        "__Type",
        static () =>
        [
            MetaField("kind", new NonNullType(TypeKindType!), static c => ((GraphQLType)c.Parent!).Kind),
            MetaField("name", Scalars.String, static c => (c.Parent as NamedType)?.Name),
            MetaField("description", Scalars.String, static c => (c.Parent as NamedType)?.Description),
            MetaField("specifiedByURL", Scalars.String, static c => (c.Parent as ScalarType)?.SpecifiedByUrl),
            MetaField("fields", ListOfNonNull(FieldType!), ResolveFields, arguments: [IncludeDeprecatedArgument(nonNull: false)]),
            MetaField("interfaces", ListOfNonNull(TypeType!), static c => (c.Parent as ComplexType)?.Interfaces),
            MetaField("possibleTypes", ListOfNonNull(TypeType!), ResolvePossibleTypes),
            MetaField("enumValues", ListOfNonNull(EnumValueType!), ResolveEnumValues, arguments: [IncludeDeprecatedArgument(nonNull: false)]),
            MetaField("inputFields", ListOfNonNull(InputValueType!), ResolveInputFields, arguments: [IncludeDeprecatedArgument(nonNull: false)]),
            MetaField("ofType", TypeType!, static c => c.Parent switch
            {
                ListType list => list.OfType,
                NonNullType nonNull => nonNull.OfType,
                _ => null,
            }),
            MetaField("isOneOf", Scalars.Boolean, static c => c.Parent is InputObjectType input ? input.IsOneOf : null),
        ],
        description: "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.");

    /// <summary><c>__Field</c>; the parent value is a <see cref="FieldDefinition"/>.</summary>
    public static ObjectType FieldType { get; } = new(
        "__Field",
        static () =>
        [
            MetaField("name", new NonNullType(Scalars.String), static c => ((FieldDefinition)c.Parent!).Name),
            MetaField("description", Scalars.String, static c => ((FieldDefinition)c.Parent!).Description),
            MetaField(
                "args",
                NonNullListOfNonNull(InputValueType!),
                static c => FilterDeprecated(((FieldDefinition)c.Parent!).Arguments, c),
                arguments: [IncludeDeprecatedArgument(nonNull: false)]),
            MetaField("type", new NonNullType(TypeType!), static c => ((FieldDefinition)c.Parent!).Type),
            MetaField("isDeprecated", new NonNullType(Scalars.Boolean), static c => ((FieldDefinition)c.Parent!).DeprecationReason is not null),
            MetaField("deprecationReason", Scalars.String, static c => ((FieldDefinition)c.Parent!).DeprecationReason),
        ],
        description: "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.");

    /// <summary><c>__InputValue</c>; the parent value is an <see cref="InputValueDefinition"/>.</summary>
    public static ObjectType InputValueType { get; } = new(
        "__InputValue",
        static () =>
        [
            MetaField("name", new NonNullType(Scalars.String), static c => ((InputValueDefinition)c.Parent!).Name),
            MetaField("description", Scalars.String, static c => ((InputValueDefinition)c.Parent!).Description),
            MetaField("type", new NonNullType(TypeType!), static c => ((InputValueDefinition)c.Parent!).Type),
            MetaField(
                "defaultValue",
                Scalars.String,
                static c => ValueCoercion.PrintDefaultValue((InputValueDefinition)c.Parent!),
                "A GraphQL-formatted string representing the default value for this input value."),
            MetaField("isDeprecated", new NonNullType(Scalars.Boolean), static c => ((InputValueDefinition)c.Parent!).DeprecationReason is not null),
            MetaField("deprecationReason", Scalars.String, static c => ((InputValueDefinition)c.Parent!).DeprecationReason),
        ],
        description: "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.");

    /// <summary><c>__EnumValue</c>; the parent value is an <see cref="EnumValueDefinition"/>.</summary>
    public static ObjectType EnumValueType { get; } = new(
        "__EnumValue",
        static () =>
        [
            MetaField("name", new NonNullType(Scalars.String), static c => ((EnumValueDefinition)c.Parent!).Name),
            MetaField("description", Scalars.String, static c => ((EnumValueDefinition)c.Parent!).Description),
            MetaField("isDeprecated", new NonNullType(Scalars.Boolean), static c => ((EnumValueDefinition)c.Parent!).DeprecationReason is not null),
            MetaField("deprecationReason", Scalars.String, static c => ((EnumValueDefinition)c.Parent!).DeprecationReason),
        ],
        description: "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.");

    /// <summary><c>__Directive</c>; the parent value is a <see cref="DirectiveDefinition"/>.</summary>
    public static ObjectType DirectiveType { get; } = new(
        "__Directive",
        static () =>
        [
            MetaField("name", new NonNullType(Scalars.String), static c => ((DirectiveDefinition)c.Parent!).Name),
            MetaField("description", Scalars.String, static c => ((DirectiveDefinition)c.Parent!).Description),
            MetaField("isRepeatable", new NonNullType(Scalars.Boolean), static c => ((DirectiveDefinition)c.Parent!).IsRepeatable),
            MetaField("locations", NonNullListOfNonNull(DirectiveLocationType!), static c => LocationNames((DirectiveDefinition)c.Parent!)),
            MetaField(
                "args",
                NonNullListOfNonNull(InputValueType!),
                static c => FilterDeprecated(((DirectiveDefinition)c.Parent!).Arguments, c),
                arguments: [IncludeDeprecatedArgument(nonNull: false)]),

            // graphql-js 16's experimental directive deprecation; directive definitions cannot carry directives in SDL.
            MetaField("isDeprecated", new NonNullType(Scalars.Boolean), static _ => false),
            MetaField("deprecationReason", Scalars.String, static _ => null),
        ],
        description: "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.");

    /// <summary>All eight meta types, in graphql-js's order.</summary>
    public static IReadOnlyList<NamedType> All { get; } = [SchemaType, TypeType, TypeKindType, FieldType, InputValueType, EnumValueType, DirectiveType, DirectiveLocationType];

    /// <summary>True for the names of the meta types (<c>__Schema</c>, <c>__Type</c>, ...).</summary>
    public static bool IsIntrospectionTypeName(string name) => name is
        "__Schema" or "__Type" or "__TypeKind" or "__Field" or "__InputValue" or "__EnumValue" or "__Directive" or "__DirectiveLocation";

    /// <summary>The meta type named <paramref name="name"/>, or null.</summary>
    public static NamedType? Get(string name) => name switch
    {
        "__Schema" => SchemaType,
        "__Type" => TypeType,
        "__TypeKind" => TypeKindType,
        "__Field" => FieldType,
        "__InputValue" => InputValueType,
        "__EnumValue" => EnumValueType,
        "__Directive" => DirectiveType,
        "__DirectiveLocation" => DirectiveLocationType,
        _ => null,
    };

    private static EnumValueDefinition KindValue(Types.TypeKind kind, string description) =>
        new(kind.ToSpecName(), kind) { Description = description };

    private static EnumValueDefinition LocationValue(string name, string description) => new(name, name) { Description = description };

    private static FieldDefinition MetaField(
        string name,
        GraphQLType type,
        Func<IResolverContext, object?> resolve,
        string? description = null,
        IReadOnlyList<InputValueDefinition>? arguments = null) =>
        new(name, type, context => new ValueTask<object?>(resolve(context)))
        {
            Description = description,
            Arguments = arguments ?? [],
        };

    private static InputValueDefinition IncludeDeprecatedArgument(bool nonNull) =>
        new("includeDeprecated", nonNull ? new NonNullType(Scalars.Boolean) : Scalars.Boolean)
        {
            DefaultValue = false,
            DefaultValueLiteral = new Language.BooleanValueNode { Value = false },
        };

    private static NonNullType NonNullListOfNonNull(GraphQLType type) => new(ListOfNonNull(type));

    private static ListType ListOfNonNull(GraphQLType type) => new(new NonNullType(type));

    private static bool IncludeDeprecated(IResolverContext context) =>
        context.Arguments.TryGetValue("includeDeprecated", out var value) && value is true;

    private static object? ResolveFields(IResolverContext context)
    {
        if (context.Parent is not ComplexType complex)
        {
            return null;
        }

        var includeDeprecated = IncludeDeprecated(context);
        var result = new List<FieldDefinition>(complex.Fields.Count);
        foreach (var field in complex.Fields.Values)
        {
            if (includeDeprecated || field.DeprecationReason is null)
            {
                result.Add(field);
            }
        }

        return result;
    }

    private static object? ResolvePossibleTypes(IResolverContext context) => context.Parent switch
    {
        InterfaceType or UnionType => context.Schema.GetPossibleTypes((NamedType)context.Parent),
        _ => null,
    };

    private static object? ResolveEnumValues(IResolverContext context)
    {
        if (context.Parent is not EnumType enumType)
        {
            return null;
        }

        var includeDeprecated = IncludeDeprecated(context);
        return includeDeprecated ? enumType.Values : enumType.Values.Where(v => v.DeprecationReason is null).ToArray();
    }

    private static object? ResolveInputFields(IResolverContext context) =>
        context.Parent is InputObjectType input ? FilterDeprecated([.. input.Fields.Values], context) : null;

    private static IReadOnlyList<InputValueDefinition> FilterDeprecated(IReadOnlyList<InputValueDefinition> values, IResolverContext context)
    {
        if (IncludeDeprecated(context))
        {
            return values;
        }

        var result = new List<InputValueDefinition>(values.Count);
        foreach (var value in values)
        {
            if (value.DeprecationReason is null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static List<string> LocationNames(DirectiveDefinition directive)
    {
        var names = new List<string>(directive.Locations.Count + 1);
        foreach (var location in directive.Locations)
        {
            names.Add(location.ToSpecName());
        }

        // graphql-js 16 also allows the built-in @deprecated on directive definitions; introspection results must match it.
        if (ReferenceEquals(directive, BuiltInDirectives.Deprecated))
        {
            names.Add(DirectiveDefinitionLocation);
        }

        return names;
    }
}
