using System.Globalization;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>An argument or input-object field definition.</summary>
public sealed class InputValueDefinition
{
    private readonly Lazy<object?> _defaultValue;
    private readonly bool _hasExplicitDefault;
    private readonly object? _explicitDefault;

    /// <summary>Creates an input value.</summary>
    public InputValueDefinition(string name, GraphQLType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        _defaultValue = new(CoerceDefault, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The input type.</summary>
    public GraphQLType Type { get; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The default value as written in SDL, if any.</summary>
    public ValueNode? DefaultValueLiteral { get; init; }

    /// <summary>True when a default value is defined (a default of <c>null</c> counts).</summary>
    public bool HasDefaultValue => DefaultValueLiteral is not null || _hasExplicitDefault;

    /// <summary>
    /// The coerced default value in the runtime input representation. Setting it directly (for types built in code)
    /// takes precedence over <see cref="DefaultValueLiteral"/>.
    /// </summary>
    public object? DefaultValue
    {
        get => _hasExplicitDefault ? _explicitDefault : _defaultValue.Value;
        init
        {
            _hasExplicitDefault = true;
            _explicitDefault = value;
        }
    }

    /// <summary>The deprecation reason; null when not deprecated.</summary>
    public string? DeprecationReason { get; init; }

    /// <summary>True when deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The SDL definition, if any.</summary>
    public InputValueDefinitionNode? AstNode { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name + ": " + Type;

    private object? CoerceDefault()
    {
        if (DefaultValueLiteral is null)
        {
            return null;
        }

        if (ValueCoercion.TryValueFromLiteral(DefaultValueLiteral, Type, null, out var value))
        {
            return value;
        }

        throw new SchemaException([$"The default value of \"{Name}\" is not a valid \"{Type}\": {LiteralPrinter.Print(DefaultValueLiteral)}."]);
    }
}

/// <summary>An input object type.</summary>
public sealed class InputObjectType : NamedType
{
    private readonly Lazy<IReadOnlyDictionary<string, InputValueDefinition>> _fields;
    private InputValueDefinition[]? _fieldList;

    /// <summary>Creates an input object type whose fields may be resolved lazily.</summary>
    public InputObjectType(string name, Func<IEnumerable<InputValueDefinition>> fields, string? description = null)
        : base(name, description)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new(() => TypeCollections.ToOrdered(fields(), f => f.Name, name), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The fields in definition order, as an array (enumerating it allocates nothing).</summary>
    internal InputValueDefinition[] FieldList => _fieldList ??= [.. Fields.Values];

    /// <summary>Creates an input object type from a fixed list of fields.</summary>
    public InputObjectType(string name, IEnumerable<InputValueDefinition> fields, string? description = null)
        : this(name, TypeCollections.Freeze(fields), description)
    {
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.InputObject;

    /// <summary>The fields in definition order.</summary>
    public IReadOnlyDictionary<string, InputValueDefinition> Fields => _fields.Value;

    /// <summary>True for a OneOf input object (<c>@oneOf</c>): exactly one field must be given, and it must not be null.</summary>
    public bool IsOneOf { get; init; }
}

/// <summary>An enum type: names mapped to runtime values.</summary>
public sealed class EnumType : NamedType
{
    private readonly Dictionary<string, EnumValueDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<object, EnumValueDefinition> _byValue = [];
    private readonly EnumValueDefinition? _nullValue;

    /// <summary>Creates an enum type.</summary>
    public EnumType(string name, IEnumerable<EnumValueDefinition> values, string? description = null)
        : base(name, description)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
        foreach (var value in Values)
        {
            if (!_byName.TryAdd(value.Name, value))
            {
                throw new InvalidOperationException($"Enum \"{name}\" defines \"{value.Name}\" more than once.");
            }

            if (value.Value is null)
            {
                _nullValue ??= value;
            }
            else
            {
                _byValue.TryAdd(value.Value, value);
            }
        }
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Enum;

    /// <summary>The values in definition order.</summary>
    public IReadOnlyList<EnumValueDefinition> Values { get; }

    /// <summary>The value named <paramref name="name"/>, or null.</summary>
    public EnumValueDefinition? GetValue(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The value whose runtime value equals <paramref name="value"/>, or null.</summary>
    public EnumValueDefinition? GetValueByRuntimeValue(object? value) => value is null ? _nullValue : _byValue.GetValueOrDefault(value);

    /// <summary>Result coercion: the name of the enum value whose runtime value is <paramref name="value"/>.</summary>
    /// <exception cref="ScalarCoercionException">No enum value has that runtime value.</exception>
    public string Serialize(object? value)
    {
        var definition = GetValueByRuntimeValue(value)
            ?? throw new ScalarCoercionException($"Enum \"{Name}\" cannot represent value: {ValueText.Inspect(value)}");
        return definition.Name;
    }

    /// <summary>Input coercion of a variable value (a name string) to the runtime value.</summary>
    /// <exception cref="ScalarCoercionException">The input is not a string or names no value.</exception>
    public object? ParseValue(object? input)
    {
        if (input is not string name)
        {
            throw new ScalarCoercionException($"Enum \"{Name}\" cannot represent non-string value: {ValueText.Inspect(input)}.");
        }

        var definition = GetValue(name)
            ?? throw new ScalarCoercionException($"Value \"{name}\" does not exist in \"{Name}\" enum.");
        return definition.Value;
    }

    /// <summary>Input coercion of a literal (an enum value node) to the runtime value.</summary>
    /// <exception cref="ScalarCoercionException">The literal is not an enum value or names no value.</exception>
    public object? ParseLiteral(ValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        if (literal is not EnumValueNode enumValue)
        {
            throw new ScalarCoercionException($"Enum \"{Name}\" cannot represent non-enum value: {LiteralPrinter.Print(literal)}.");
        }

        var definition = GetValue(enumValue.Value)
            ?? throw new ScalarCoercionException($"Value \"{enumValue.Value}\" does not exist in \"{Name}\" enum.");
        return definition.Value;
    }
}

/// <summary>One value of an enum type.</summary>
public sealed class EnumValueDefinition
{
    /// <summary>Creates an enum value whose runtime value is its name.</summary>
    public EnumValueDefinition(string name)
        : this(name, name)
    {
    }

    /// <summary>Creates an enum value with a runtime value.</summary>
    public EnumValueDefinition(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Value = value;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The runtime value (by default the name).</summary>
    public object? Value { get; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The deprecation reason; null when not deprecated.</summary>
    public string? DeprecationReason { get; init; }

    /// <summary>True when deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The SDL definition, if any.</summary>
    public EnumValueDefinitionNode? AstNode { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A directive definition.</summary>
public sealed class DirectiveDefinition
{
    /// <summary>Creates a directive definition.</summary>
    public DirectiveDefinition(string name, IEnumerable<DirectiveLocation> locations)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(locations);
        Name = name;
        Locations = [.. locations];
    }

    /// <summary>The name (without @).</summary>
    public string Name { get; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The argument definitions in definition order.</summary>
    public IReadOnlyList<InputValueDefinition> Arguments { get; init; } = [];

    /// <summary>The locations where the directive may be used.</summary>
    public IReadOnlyList<DirectiveLocation> Locations { get; }

    /// <summary>True when the directive may be used more than once at one location.</summary>
    public bool IsRepeatable { get; init; }

    /// <summary>The SDL definition, if any.</summary>
    public DirectiveDefinitionNode? AstNode { get; init; }

    /// <summary>True for @skip, @include, @deprecated, @specifiedBy and @oneOf.</summary>
    public bool IsBuiltIn => BuiltInDirectives.IsSpecifiedDirectiveName(Name);

    /// <summary>The argument named <paramref name="name"/>, or null.</summary>
    public InputValueDefinition? GetArgument(string name) => TypeCollections.Find(Arguments, name);

    /// <inheritdoc />
    public override string ToString() => "@" + Name;
}

/// <summary>Short human-readable renderings of runtime values for error messages (graphql-js's <c>inspect</c> style).</summary>
internal static class ValueText
{
    public static string Inspect(object? value) => value switch
    {
        null => "null",
        string s => JsonString(s),
        bool b => b ? "true" : "false",
        double d => JsNumber.Format(d),
        float f => JsNumber.Format(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> dict => "{ " + string.Join(", ", dict.Select(p => p.Key + ": " + Inspect(p.Value))) + " }",
        IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(Inspect)) + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };

    public static string JsonString(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
