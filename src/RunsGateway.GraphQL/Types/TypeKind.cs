namespace RunsGateway.GraphQL.Types;

/// <summary>The kind of a GraphQL type, as introspection's <c>__TypeKind</c> names it.</summary>
public enum TypeKind
{
    /// <summary>SCALAR.</summary>
    Scalar,

    /// <summary>OBJECT.</summary>
    Object,

    /// <summary>INTERFACE.</summary>
    Interface,

    /// <summary>UNION.</summary>
    Union,

    /// <summary>ENUM.</summary>
    Enum,

    /// <summary>INPUT_OBJECT.</summary>
    InputObject,

    /// <summary>LIST.</summary>
    List,

    /// <summary>NON_NULL.</summary>
    NonNull,
}

/// <summary>The spec's directive locations (executable and type-system).</summary>
public enum DirectiveLocation
{
    /// <summary>QUERY.</summary>
    Query,

    /// <summary>MUTATION.</summary>
    Mutation,

    /// <summary>SUBSCRIPTION.</summary>
    Subscription,

    /// <summary>FIELD.</summary>
    Field,

    /// <summary>FRAGMENT_DEFINITION.</summary>
    FragmentDefinition,

    /// <summary>FRAGMENT_SPREAD.</summary>
    FragmentSpread,

    /// <summary>INLINE_FRAGMENT.</summary>
    InlineFragment,

    /// <summary>VARIABLE_DEFINITION.</summary>
    VariableDefinition,

    /// <summary>SCHEMA.</summary>
    Schema,

    /// <summary>SCALAR.</summary>
    Scalar,

    /// <summary>OBJECT.</summary>
    Object,

    /// <summary>FIELD_DEFINITION.</summary>
    FieldDefinition,

    /// <summary>ARGUMENT_DEFINITION.</summary>
    ArgumentDefinition,

    /// <summary>INTERFACE.</summary>
    Interface,

    /// <summary>UNION.</summary>
    Union,

    /// <summary>ENUM.</summary>
    Enum,

    /// <summary>ENUM_VALUE.</summary>
    EnumValue,

    /// <summary>INPUT_OBJECT.</summary>
    InputObject,

    /// <summary>INPUT_FIELD_DEFINITION.</summary>
    InputFieldDefinition,
}

/// <summary>Conversions between <see cref="TypeKind"/>/<see cref="DirectiveLocation"/> and their spec names.</summary>
public static class SpecNames
{
    private static readonly string[] TypeKindNames =
        ["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "LIST", "NON_NULL"];

    private static readonly string[] LocationNames =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    /// <summary>The spec name of a type kind, e.g. <c>INPUT_OBJECT</c>.</summary>
    public static string ToSpecName(this TypeKind kind) => TypeKindNames[(int)kind];

    /// <summary>The spec name of a directive location, e.g. <c>FIELD_DEFINITION</c>.</summary>
    public static string ToSpecName(this DirectiveLocation location) => LocationNames[(int)location];

    /// <summary>Parses a spec directive location name such as <c>FIELD_DEFINITION</c>.</summary>
    public static bool TryParseDirectiveLocation(string name, out DirectiveLocation location)
    {
        var index = Array.IndexOf(LocationNames, name);
        location = index < 0 ? default : (DirectiveLocation)index;
        return index >= 0;
    }

    /// <summary>All directive locations in spec order.</summary>
    public static IReadOnlyList<DirectiveLocation> AllDirectiveLocations { get; } =
        [.. Enumerable.Range(0, LocationNames.Length).Select(i => (DirectiveLocation)i)];
}
