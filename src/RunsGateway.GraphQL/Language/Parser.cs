using System.Globalization;
using System.Runtime.CompilerServices;

namespace RunsGateway.GraphQL.Language;

/// <summary>
/// Recursive-descent parser for GraphQL documents (executable definitions and SDL), following graphql-js's grammar
/// decisions and error positions. Syntax errors throw <see cref="GraphQLException"/> with one located error whose code is
/// <see cref="ErrorCodes.SyntaxError"/>; limit violations use <see cref="ErrorCodes.DocumentTooLarge"/>,
/// <see cref="ErrorCodes.TooManyTokens"/> and <see cref="ErrorCodes.MaxDepthExceeded"/>.
/// </summary>
public static class Parser
{
    /// <summary>Parses a document.</summary>
    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        var parser = new ParserCore(source, options);
        return parser.ParseDocument();
    }

    /// <summary>Parses a single value literal (variables allowed), for example <c>[1, $a]</c>.</summary>
    public static ValueNode ParseValue(string source, ParserOptions? options = null)
    {
        var parser = new ParserCore(source, options);
        return parser.ParseStandalone(static p => p.ParseValueLiteral(isConst: false));
    }

    /// <summary>Parses a single constant value literal (no variables).</summary>
    public static ValueNode ParseConstValue(string source, ParserOptions? options = null)
    {
        var parser = new ParserCore(source, options);
        return parser.ParseStandalone(static p => p.ParseValueLiteral(isConst: true));
    }

    /// <summary>Parses a type reference, for example <c>[String!]!</c>.</summary>
    public static TypeNode ParseType(string source, ParserOptions? options = null)
    {
        var parser = new ParserCore(source, options);
        return parser.ParseStandalone(static p => p.ParseTypeReference());
    }
}

/// <summary>The parser state for one source text.</summary>
internal sealed class ParserCore
{
    private static readonly HashSet<string> DirectiveLocationNames =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "query", "mutation", "subscription", "fragment", "on", "true", "false", "null", "schema", "scalar", "type", "interface",
        "union", "enum", "input", "directive", "extend", "implements", "repeatable", "__typename", "__schema", "__type", "id", "name",
        "kind", "description", "ofType", "fields", "args", "includeDeprecated", "defaultValue", "isDeprecated", "deprecationReason",
        "interfaces", "possibleTypes", "enumValues", "inputFields", "locations", "directives", "types", "queryType", "mutationType",
        "subscriptionType", "specifiedByURL", "isRepeatable", "isOneOf", "FullType", "InputValue", "TypeRef", "__Type",
        "__InputValue", "IntrospectionQuery", "include", "skip", "if", "deprecated", "reason", "first", "after", "last", "before",
        "edges", "node", "nodes", "cursor", "pageInfo", "hasNextPage", "endCursor", "ID", "String", "Int", "Float", "Boolean",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _source;
    private readonly int _maxTokens;
    private readonly int _maxDepth;
    private Lexer _lexer;
    private int _depth;

    public ParserCore(string source, ParserOptions? options)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= ParserOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDocumentLength, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTokenCount, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDepth, nameof(options));
        if (source.Length > options.MaxDocumentLength)
        {
            throw new GraphQLException(GraphQLError.WithCode(
                string.Create(CultureInfo.InvariantCulture, $"Document is {source.Length} characters long, more than the maximum of {options.MaxDocumentLength}."),
                ErrorCodes.DocumentTooLarge));
        }

        _source = source;
        _maxTokens = options.MaxTokenCount;
        _maxDepth = options.MaxDepth;
        _lexer = new Lexer(source);
    }

    private Token Current => _lexer.Token;

    public DocumentNode ParseDocument()
    {
        var start = Current;
        Advance(); // start of file
        var definitions = new List<DefinitionNode>();
        do
        {
            definitions.Add(ParseDefinition());
        }
        while (Current.Kind != TokenKind.EndOfFile);

        return new DocumentNode { Definitions = definitions, Location = Loc(start) };
    }

    public T ParseStandalone<T>(Func<ParserCore, T> parse)
    {
        Advance();
        var result = parse(this);
        Expect(TokenKind.EndOfFile);
        return result;
    }

    // ---------------------------------------------------------------- definitions

    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceLeft))
        {
            return ParseOperationDefinition();
        }

        var hasDescription = PeekDescription();
        var keyword = hasDescription ? _lexer.Lookahead() : Current;

        if (hasDescription && keyword.Kind == TokenKind.BraceLeft)
        {
            throw Error(Current.Start, "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.");
        }

        if (keyword.Kind == TokenKind.Name)
        {
            var word = TokenText(keyword);
            switch (word)
            {
                case "schema":
                    return ParseSchemaDefinition();
                case "scalar":
                    return ParseScalarTypeDefinition();
                case "type":
                    return ParseObjectTypeDefinition();
                case "interface":
                    return ParseInterfaceTypeDefinition();
                case "union":
                    return ParseUnionTypeDefinition();
                case "enum":
                    return ParseEnumTypeDefinition();
                case "input":
                    return ParseInputObjectTypeDefinition();
                case "directive":
                    return ParseDirectiveDefinition();
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition();
                case "fragment":
                    return ParseFragmentDefinition();
                default:
                    break;
            }

            if (hasDescription)
            {
                throw Error(Current.Start, "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.");
            }

            if (word == "extend")
            {
                return ParseTypeSystemExtension();
            }
        }

        throw Unexpected(keyword);
    }

    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = Current;
        if (Peek(TokenKind.BraceLeft))
        {
            return new OperationDefinitionNode
            {
                Operation = OperationType.Query,
                SelectionSet = ParseSelectionSet(),
                Location = Loc(start),
            };
        }

        var description = ParseDescription();
        var operation = ParseOperationType();
        NameNode? name = null;
        if (Peek(TokenKind.Name))
        {
            name = ParseName();
        }

        return new OperationDefinitionNode
        {
            Description = description,
            Operation = operation,
            Name = name,
            VariableDefinitions = ParseVariableDefinitions(),
            Directives = ParseDirectives(isConst: false),
            SelectionSet = ParseSelectionSet(),
            Location = Loc(start),
        };
    }

    private OperationType ParseOperationType()
    {
        var token = Expect(TokenKind.Name);
        return TokenText(token) switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => throw Unexpected(token),
        };
    }

    private IReadOnlyList<VariableDefinitionNode> ParseVariableDefinitions()
    {
        if (!ExpectOptional(TokenKind.ParenLeft))
        {
            return Array.Empty<VariableDefinitionNode>();
        }

        var list = new List<VariableDefinitionNode>();
        do
        {
            list.Add(ParseVariableDefinition());
        }
        while (!ExpectOptional(TokenKind.ParenRight));

        return list;
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        var variable = ParseVariable();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = null;
        if (ExpectOptional(TokenKind.EqualsSign))
        {
            defaultValue = ParseValueLiteral(isConst: true);
        }

        return new VariableDefinitionNode
        {
            Description = description,
            Variable = variable,
            Type = type,
            DefaultValue = defaultValue,
            Directives = ParseDirectives(isConst: true),
            Location = Loc(start),
        };
    }

    private VariableNode ParseVariable()
    {
        var start = Current;
        Expect(TokenKind.Dollar);
        return new VariableNode { Name = ParseName(), Location = Loc(start) };
    }

    private SelectionSetNode ParseSelectionSet()
    {
        var start = Current;
        EnterNesting();
        Expect(TokenKind.BraceLeft);
        var selections = new List<SelectionNode>();
        do
        {
            selections.Add(Peek(TokenKind.Spread) ? ParseFragment() : ParseField());
        }
        while (!ExpectOptional(TokenKind.BraceRight));

        _depth--;
        return new SelectionSetNode { Selections = selections, Location = Loc(start) };
    }

    private FieldNode ParseField()
    {
        var start = Current;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (ExpectOptional(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = Peek(TokenKind.BraceLeft) ? ParseSelectionSet() : null;
        return new FieldNode
        {
            Alias = alias,
            Name = name,
            Arguments = arguments,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst)
    {
        if (!ExpectOptional(TokenKind.ParenLeft))
        {
            return Array.Empty<ArgumentNode>();
        }

        var list = new List<ArgumentNode>();
        do
        {
            var start = Current;
            var name = ParseName();
            Expect(TokenKind.Colon);
            list.Add(new ArgumentNode { Name = name, Value = ParseValueLiteral(isConst), Location = Loc(start) });
        }
        while (!ExpectOptional(TokenKind.ParenRight));

        return list;
    }

    private SelectionNode ParseFragment()
    {
        var start = Current;
        Expect(TokenKind.Spread);
        var hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseFragmentName();
            return new FragmentSpreadNode { Name = name, Directives = ParseDirectives(isConst: false), Location = Loc(start) };
        }

        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(isConst: false);
        return new InlineFragmentNode
        {
            TypeCondition = typeCondition,
            Directives = directives,
            SelectionSet = ParseSelectionSet(),
            Location = Loc(start),
        };
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        return new FragmentDefinitionNode
        {
            Description = description,
            Name = name,
            TypeCondition = typeCondition,
            Directives = ParseDirectives(isConst: false),
            SelectionSet = ParseSelectionSet(),
            Location = Loc(start),
        };
    }

    private NameNode ParseFragmentName()
    {
        if (Current.Kind == TokenKind.Name && TokenText(Current) == "on")
        {
            throw Unexpected(Current);
        }

        return ParseName();
    }

    // ---------------------------------------------------------------- values

    public ValueNode ParseValueLiteral(bool isConst)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.BracketLeft:
                return ParseList(isConst);
            case TokenKind.BraceLeft:
                return ParseObject(isConst);
            case TokenKind.Int:
                Advance();
                return new IntValueNode { Value = TokenText(token), Location = Loc(token) };
            case TokenKind.Float:
                Advance();
                return new FloatValueNode { Value = TokenText(token), Location = Loc(token) };
            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                Advance();
                return TokenText(token) switch
                {
                    "true" => new BooleanValueNode { Value = true, Location = Loc(token) },
                    "false" => new BooleanValueNode { Value = false, Location = Loc(token) },
                    "null" => new NullValueNode { Location = Loc(token) },
                    var value => new EnumValueNode { Value = value, Location = Loc(token) },
                };
            case TokenKind.Dollar:
                if (isConst)
                {
                    Expect(TokenKind.Dollar);
                    if (Current.Kind == TokenKind.Name)
                    {
                        throw Error(token.Start, $"Syntax Error: Unexpected variable \"${TokenText(Current)}\" in constant value.");
                    }

                    throw Unexpected(token);
                }

                return ParseVariable();
            default:
                throw Unexpected(token);
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        var token = Current;
        Advance();
        return new StringValueNode { Value = token.Value!, Block = token.Kind == TokenKind.BlockString, Location = Loc(token) };
    }

    private ListValueNode ParseList(bool isConst)
    {
        var start = Current;
        EnterNesting();
        Expect(TokenKind.BracketLeft);
        if (ExpectOptional(TokenKind.BracketRight))
        {
            _depth--;
            return new ListValueNode { Location = Loc(start) };
        }

        var values = new List<ValueNode>();
        do
        {
            values.Add(ParseValueLiteral(isConst));
        }
        while (!ExpectOptional(TokenKind.BracketRight));

        _depth--;
        return new ListValueNode { Values = values, Location = Loc(start) };
    }

    private ObjectValueNode ParseObject(bool isConst)
    {
        var start = Current;
        EnterNesting();
        Expect(TokenKind.BraceLeft);
        if (ExpectOptional(TokenKind.BraceRight))
        {
            _depth--;
            return new ObjectValueNode { Location = Loc(start) };
        }

        var fields = new List<ObjectFieldNode>();
        do
        {
            var fieldStart = Current;
            var name = ParseName();
            Expect(TokenKind.Colon);
            fields.Add(new ObjectFieldNode { Name = name, Value = ParseValueLiteral(isConst), Location = Loc(fieldStart) });
        }
        while (!ExpectOptional(TokenKind.BraceRight));

        _depth--;
        return new ObjectValueNode { Fields = fields, Location = Loc(start) };
    }

    private IReadOnlyList<DirectiveNode> ParseDirectives(bool isConst)
    {
        if (!Peek(TokenKind.At))
        {
            return Array.Empty<DirectiveNode>();
        }

        var list = new List<DirectiveNode>();
        do
        {
            var start = Current;
            Advance();
            var name = ParseName();
            list.Add(new DirectiveNode { Name = name, Arguments = ParseArguments(isConst), Location = Loc(start) });
        }
        while (Peek(TokenKind.At));

        return list;
    }

    // ---------------------------------------------------------------- types

    public TypeNode ParseTypeReference()
    {
        var start = Current;
        TypeNode type;
        if (Peek(TokenKind.BracketLeft))
        {
            EnterNesting();
            Advance();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketRight);
            _depth--;
            type = new ListTypeNode { Type = inner, Location = Loc(start) };
        }
        else
        {
            type = ParseNamedType();
        }

        if (ExpectOptional(TokenKind.Bang))
        {
            return new NonNullTypeNode { Type = type, Location = Loc(start) };
        }

        return type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = Current;
        return new NamedTypeNode { Name = ParseName(), Location = Loc(start) };
    }

    private NameNode ParseName()
    {
        var token = Expect(TokenKind.Name);
        return new NameNode { Value = TokenText(token), Location = Loc(token) };
    }

    // ---------------------------------------------------------------- type system

    private bool PeekDescription() => Current.Kind is TokenKind.String or TokenKind.BlockString;

    private StringValueNode? ParseDescription() => PeekDescription() ? ParseStringLiteral() : null;

    private SchemaDefinitionNode ParseSchemaDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("schema");
        var directives = ParseDirectives(isConst: true);
        Expect(TokenKind.BraceLeft);
        var operationTypes = new List<OperationTypeDefinitionNode>();
        do
        {
            operationTypes.Add(ParseOperationTypeDefinition());
        }
        while (!ExpectOptional(TokenKind.BraceRight));

        return new SchemaDefinitionNode { Description = description, Directives = directives, OperationTypes = operationTypes, Location = Loc(start) };
    }

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var start = Current;
        var operation = ParseOperationType();
        Expect(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode { Operation = operation, Type = type, Location = Loc(start) };
    }

    private ScalarTypeDefinitionNode ParseScalarTypeDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("scalar");
        var name = ParseName();
        return new ScalarTypeDefinitionNode { Description = description, Name = name, Directives = ParseDirectives(isConst: true), Location = Loc(start) };
    }

    private ObjectTypeDefinitionNode ParseObjectTypeDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        return new ObjectTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    private IReadOnlyList<NamedTypeNode> ParseImplementsInterfaces() =>
        ExpectOptionalKeyword("implements") ? DelimitedNamedTypes(TokenKind.Ampersand) : Array.Empty<NamedTypeNode>();

    private List<NamedTypeNode> DelimitedNamedTypes(TokenKind delimiter)
    {
        ExpectOptional(delimiter);
        var list = new List<NamedTypeNode>();
        do
        {
            list.Add(ParseNamedType());
        }
        while (ExpectOptional(delimiter));

        return list;
    }

    private IReadOnlyList<FieldDefinitionNode> ParseFieldsDefinition()
    {
        if (!ExpectOptional(TokenKind.BraceLeft))
        {
            return Array.Empty<FieldDefinitionNode>();
        }

        var list = new List<FieldDefinitionNode>();
        do
        {
            var start = Current;
            var description = ParseDescription();
            var name = ParseName();
            var arguments = ParseArgumentDefinitions();
            Expect(TokenKind.Colon);
            var type = ParseTypeReference();
            list.Add(new FieldDefinitionNode
            {
                Description = description,
                Name = name,
                Arguments = arguments,
                Type = type,
                Directives = ParseDirectives(isConst: true),
                Location = Loc(start),
            });
        }
        while (!ExpectOptional(TokenKind.BraceRight));

        return list;
    }

    private IReadOnlyList<InputValueDefinitionNode> ParseArgumentDefinitions() =>
        ParseInputValueDefinitions(TokenKind.ParenLeft, TokenKind.ParenRight);

    private IReadOnlyList<InputValueDefinitionNode> ParseInputValueDefinitions(TokenKind open, TokenKind close)
    {
        if (!ExpectOptional(open))
        {
            return Array.Empty<InputValueDefinitionNode>();
        }

        var list = new List<InputValueDefinitionNode>();
        do
        {
            list.Add(ParseInputValueDefinition());
        }
        while (!ExpectOptional(close));

        return list;
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        var name = ParseName();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = null;
        if (ExpectOptional(TokenKind.EqualsSign))
        {
            defaultValue = ParseValueLiteral(isConst: true);
        }

        return new InputValueDefinitionNode
        {
            Description = description,
            Name = name,
            Type = type,
            DefaultValue = defaultValue,
            Directives = ParseDirectives(isConst: true),
            Location = Loc(start),
        };
    }

    private InterfaceTypeDefinitionNode ParseInterfaceTypeDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("interface");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        return new InterfaceTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    private UnionTypeDefinitionNode ParseUnionTypeDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var types = ParseUnionMemberTypes();
        return new UnionTypeDefinitionNode { Description = description, Name = name, Directives = directives, Types = types, Location = Loc(start) };
    }

    private IReadOnlyList<NamedTypeNode> ParseUnionMemberTypes() =>
        ExpectOptional(TokenKind.EqualsSign) ? DelimitedNamedTypes(TokenKind.Pipe) : Array.Empty<NamedTypeNode>();

    private EnumTypeDefinitionNode ParseEnumTypeDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var values = ParseEnumValuesDefinition();
        return new EnumTypeDefinitionNode { Description = description, Name = name, Directives = directives, Values = values, Location = Loc(start) };
    }

    private IReadOnlyList<EnumValueDefinitionNode> ParseEnumValuesDefinition()
    {
        if (!ExpectOptional(TokenKind.BraceLeft))
        {
            return Array.Empty<EnumValueDefinitionNode>();
        }

        var list = new List<EnumValueDefinitionNode>();
        do
        {
            var start = Current;
            var description = ParseDescription();
            if (Current.Kind == TokenKind.Name && TokenText(Current) is "true" or "false" or "null")
            {
                throw Error(Current.Start, $"Syntax Error: {DescribeToken(Current)} is reserved and cannot be used for an enum value.");
            }

            var name = ParseName();
            list.Add(new EnumValueDefinitionNode
            {
                Description = description,
                Name = name,
                Directives = ParseDirectives(isConst: true),
                Location = Loc(start),
            });
        }
        while (!ExpectOptional(TokenKind.BraceRight));

        return list;
    }

    private InputObjectTypeDefinitionNode ParseInputObjectTypeDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseInputValueDefinitions(TokenKind.BraceLeft, TokenKind.BraceRight);
        return new InputObjectTypeDefinitionNode { Description = description, Name = name, Directives = directives, Fields = fields, Location = Loc(start) };
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition()
    {
        var start = Current;
        var description = ParseDescription();
        ExpectKeyword("directive");
        Expect(TokenKind.At);
        var name = ParseName();
        var arguments = ParseArgumentDefinitions();
        var repeatable = ExpectOptionalKeyword("repeatable");
        ExpectKeyword("on");

        ExpectOptional(TokenKind.Pipe);
        var locations = new List<NameNode>();
        do
        {
            var token = Current;
            var location = ParseName();
            if (!DirectiveLocationNames.Contains(location.Value))
            {
                throw Unexpected(token);
            }

            locations.Add(location);
        }
        while (ExpectOptional(TokenKind.Pipe));

        return new DirectiveDefinitionNode
        {
            Description = description,
            Name = name,
            Arguments = arguments,
            Repeatable = repeatable,
            Locations = locations,
            Location = Loc(start),
        };
    }

    private TypeSystemExtensionNode ParseTypeSystemExtension()
    {
        var keyword = _lexer.Lookahead();
        if (keyword.Kind == TokenKind.Name)
        {
            switch (TokenText(keyword))
            {
                case "schema":
                    return ParseSchemaExtension();
                case "scalar":
                    return ParseScalarTypeExtension();
                case "type":
                    return ParseObjectTypeExtension(isInterface: false);
                case "interface":
                    return ParseObjectTypeExtension(isInterface: true);
                case "union":
                    return ParseUnionTypeExtension();
                case "enum":
                    return ParseEnumTypeExtension();
                case "input":
                    return ParseInputObjectTypeExtension();
                default:
                    break;
            }
        }

        throw Unexpected(keyword);
    }

    private SchemaExtensionNode ParseSchemaExtension()
    {
        var start = Current;
        ExpectKeyword("extend");
        ExpectKeyword("schema");
        var directives = ParseDirectives(isConst: true);
        IReadOnlyList<OperationTypeDefinitionNode> operationTypes = Array.Empty<OperationTypeDefinitionNode>();
        if (ExpectOptional(TokenKind.BraceLeft))
        {
            var list = new List<OperationTypeDefinitionNode>();
            do
            {
                list.Add(ParseOperationTypeDefinition());
            }
            while (!ExpectOptional(TokenKind.BraceRight));

            operationTypes = list;
        }

        if (directives.Count == 0 && operationTypes.Count == 0)
        {
            throw Unexpected(Current);
        }

        return new SchemaExtensionNode { Directives = directives, OperationTypes = operationTypes, Location = Loc(start) };
    }

    private ScalarTypeExtensionNode ParseScalarTypeExtension()
    {
        var start = Current;
        ExpectKeyword("extend");
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        if (directives.Count == 0)
        {
            throw Unexpected(Current);
        }

        return new ScalarTypeExtensionNode { Name = name, Directives = directives, Location = Loc(start) };
    }

    private TypeExtensionNode ParseObjectTypeExtension(bool isInterface)
    {
        var start = Current;
        ExpectKeyword("extend");
        ExpectKeyword(isInterface ? "interface" : "type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        if (interfaces.Count == 0 && directives.Count == 0 && fields.Count == 0)
        {
            throw Unexpected(Current);
        }

        return isInterface
            ? new InterfaceTypeExtensionNode { Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = Loc(start) }
            : new ObjectTypeExtensionNode { Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = Loc(start) };
    }

    private UnionTypeExtensionNode ParseUnionTypeExtension()
    {
        var start = Current;
        ExpectKeyword("extend");
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var types = ParseUnionMemberTypes();
        if (directives.Count == 0 && types.Count == 0)
        {
            throw Unexpected(Current);
        }

        return new UnionTypeExtensionNode { Name = name, Directives = directives, Types = types, Location = Loc(start) };
    }

    private EnumTypeExtensionNode ParseEnumTypeExtension()
    {
        var start = Current;
        ExpectKeyword("extend");
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var values = ParseEnumValuesDefinition();
        if (directives.Count == 0 && values.Count == 0)
        {
            throw Unexpected(Current);
        }

        return new EnumTypeExtensionNode { Name = name, Directives = directives, Values = values, Location = Loc(start) };
    }

    private InputObjectTypeExtensionNode ParseInputObjectTypeExtension()
    {
        var start = Current;
        ExpectKeyword("extend");
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseInputValueDefinitions(TokenKind.BraceLeft, TokenKind.BraceRight);
        if (directives.Count == 0 && fields.Count == 0)
        {
            throw Unexpected(Current);
        }

        return new InputObjectTypeExtensionNode { Name = name, Directives = directives, Fields = fields, Location = Loc(start) };
    }

    // ---------------------------------------------------------------- token helpers

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Peek(TokenKind kind) => _lexer.Token.Kind == kind;

    private void Advance()
    {
        _lexer.Advance();
        if (_lexer.TokenCount > _maxTokens)
        {
            throw Error(
                Current.Start,
                string.Create(CultureInfo.InvariantCulture, $"Document contains more than {_maxTokens} tokens. Parsing aborted."),
                ErrorCodes.TooManyTokens);
        }
    }

    private Token Expect(TokenKind kind)
    {
        var token = Current;
        if (token.Kind == kind)
        {
            Advance();
            return token;
        }

        throw Error(token.Start, $"Syntax Error: Expected {DescribeKind(kind)}, found {DescribeToken(token)}.");
    }

    private bool ExpectOptional(TokenKind kind)
    {
        if (Current.Kind == kind)
        {
            Advance();
            return true;
        }

        return false;
    }

    private void ExpectKeyword(string value)
    {
        var token = Current;
        if (token.Kind == TokenKind.Name && IsText(token, value))
        {
            Advance();
            return;
        }

        throw Error(token.Start, $"Syntax Error: Expected \"{value}\", found {DescribeToken(token)}.");
    }

    private bool ExpectOptionalKeyword(string value)
    {
        var token = Current;
        if (token.Kind == TokenKind.Name && IsText(token, value))
        {
            Advance();
            return true;
        }

        return false;
    }

    private void EnterNesting()
    {
        // The stack probe backs up MaxDepth when a caller configures a huge depth on a small stack.
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(
                Current.Start,
                string.Create(CultureInfo.InvariantCulture, $"Document nesting exceeds the maximum depth of {_maxDepth}."),
                ErrorCodes.MaxDepthExceeded);
        }
    }

    private bool IsText(Token token, string value) =>
        token.End - token.Start == value.Length && _source.AsSpan(token.Start, value.Length).SequenceEqual(value);

    private string TokenText(Token token)
    {
        var text = _source.AsSpan(token.Start, token.End - token.Start);

        // Keywords and the names every introspection query repeats come from a shared table instead of a new string each.
        return token.Kind == TokenKind.Name && CommonNames.TryGetValue(text, out var common) ? common : text.ToString();
    }

    private Location Loc(Token start) => new(start.Start, _lexer.LastTokenEnd, start.Line, start.Column);

    private GraphQLException Unexpected(Token token) => Error(token.Start, $"Syntax Error: Unexpected {DescribeToken(token)}.");

    private GraphQLException Error(int position, string message, string code = ErrorCodes.SyntaxError) =>
        SyntaxErrors.Create(_source, position, message, code);

    private string DescribeToken(Token token) => token.Kind switch
    {
        TokenKind.Name or TokenKind.Int or TokenKind.Float => $"{DescribeKind(token.Kind)} \"{TokenText(token)}\"",
        TokenKind.String or TokenKind.BlockString => $"{DescribeKind(token.Kind)} \"{token.Value}\"",
        _ => DescribeKind(token.Kind),
    };

    private static string DescribeKind(TokenKind kind) => kind switch
    {
        TokenKind.StartOfFile => "<SOF>",
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Ampersand => "\"&\"",
        TokenKind.ParenLeft => "\"(\"",
        TokenKind.ParenRight => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Colon => "\":\"",
        TokenKind.EqualsSign => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.BracketLeft => "\"[\"",
        TokenKind.BracketRight => "\"]\"",
        TokenKind.BraceLeft => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.BraceRight => "\"}\"",
        TokenKind.Name => "Name",
        TokenKind.Int => "Int",
        TokenKind.Float => "Float",
        TokenKind.String => "String",
        TokenKind.BlockString => "BlockString",
        _ => kind.ToString(),
    };
}
