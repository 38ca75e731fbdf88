namespace RunsGateway.GraphQL.Language;

/// <summary>A 1-based line and column (columns counted in UTF-16 code units).</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public readonly record struct SourceLocation(int Line, int Column);

/// <summary>The span of a syntax node in its source: character offsets plus the line/column of its start.</summary>
/// <param name="Start">The offset of the first character (0-based, UTF-16 code units).</param>
/// <param name="End">The offset just after the last character.</param>
/// <param name="Line">The 1-based line of <paramref name="Start"/>.</param>
/// <param name="Column">The 1-based column of <paramref name="Start"/>.</param>
public readonly record struct Location(int Start, int End, int Line, int Column)
{
    /// <summary>The start as a <see cref="SourceLocation"/>.</summary>
    public SourceLocation ToSourceLocation() => new(Line, Column);

    /// <summary>True for nodes that were created in code rather than parsed.</summary>
    public bool IsEmpty => Line == 0;
}

/// <summary>The three GraphQL operation types.</summary>
public enum OperationType
{
    /// <summary>A read-only fetch.</summary>
    Query,

    /// <summary>A write followed by a fetch.</summary>
    Mutation,

    /// <summary>A long-lived request that fetches data in response to events.</summary>
    Subscription,
}

/// <summary>The kind of a syntax node; member names equal graphql-js's AST kind names.</summary>
public enum SyntaxKind
{
    Name,
    Document,
    OperationDefinition,
    VariableDefinition,
    SelectionSet,
    Field,
    Argument,
    FragmentSpread,
    InlineFragment,
    FragmentDefinition,
    Variable,
    IntValue,
    FloatValue,
    StringValue,
    BooleanValue,
    NullValue,
    EnumValue,
    ListValue,
    ObjectValue,
    ObjectField,
    Directive,
    NamedType,
    ListType,
    NonNullType,
    SchemaDefinition,
    OperationTypeDefinition,
    ScalarTypeDefinition,
    ObjectTypeDefinition,
    FieldDefinition,
    InputValueDefinition,
    InterfaceTypeDefinition,
    UnionTypeDefinition,
    EnumTypeDefinition,
    EnumValueDefinition,
    InputObjectTypeDefinition,
    DirectiveDefinition,
    SchemaExtension,
    ScalarTypeExtension,
    ObjectTypeExtension,
    InterfaceTypeExtension,
    UnionTypeExtension,
    EnumTypeExtension,
    InputObjectTypeExtension,
}
