using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>
/// A scalar type. The base class is a pass-through scalar (the behaviour of an SDL scalar without code): results are
/// returned unchanged, variable values pass through, and literals become plain runtime values. Custom scalars
/// override <see cref="Serialize"/>, <see cref="ParseValue"/> and <see cref="ParseLiteral"/>.
/// </summary>
public class ScalarType : NamedType
{
    /// <summary>Creates a scalar.</summary>
    public ScalarType(string name, string? description = null, string? specifiedByUrl = null)
        : base(name, description)
    {
        SpecifiedByUrl = specifiedByUrl;
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Scalar;

    /// <summary>
    /// Creates a custom scalar from delegates. Without <paramref name="parseLiteral"/>, a literal is turned into a plain
    /// runtime value and given to <paramref name="parseValue"/>. Delegates signal invalid values by throwing
    /// <see cref="ScalarCoercionException"/>.
    /// </summary>
    public static ScalarType Create(
        string name,
        Func<object?, object?> serialize,
        Func<object?, object?> parseValue,
        Func<ValueNode, IReadOnlyDictionary<string, object?>?, object?>? parseLiteral = null,
        string? description = null,
        string? specifiedByUrl = null)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        ArgumentNullException.ThrowIfNull(parseValue);
        return new DelegateScalarType(name, description, specifiedByUrl, serialize, parseValue, parseLiteral);
    }

    /// <summary>The URL of the scalar's specification (<c>@specifiedBy</c>), if any.</summary>
    public string? SpecifiedByUrl { get; init; }

    /// <summary>Result coercion: turns a resolved value into a serializable value.</summary>
    /// <exception cref="ScalarCoercionException">The value cannot be represented by this scalar.</exception>
    public virtual object? Serialize(object? value) => value;

    /// <summary>Input coercion of a variable value (runtime input representation).</summary>
    /// <exception cref="ScalarCoercionException">The value is not valid for this scalar.</exception>
    public virtual object? ParseValue(object? value) => value;

    /// <summary>Input coercion of a literal. Variables inside lists/objects are read from <paramref name="variables"/>.</summary>
    /// <exception cref="ScalarCoercionException">The literal is not valid for this scalar.</exception>
    public virtual object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        => ValueCoercion.LiteralToPlainValue(literal, variables);
}

/// <summary>A scalar that takes its name and metadata from SDL and its coercion from another scalar.</summary>
internal sealed class DelegatingScalarType(string name, ScalarType inner, string? description, string? specifiedByUrl)
    : ScalarType(name, description, specifiedByUrl)
{
    public ScalarType Inner { get; } = inner;

    public override object? Serialize(object? value) => Inner.Serialize(value);

    public override object? ParseValue(object? value) => Inner.ParseValue(value);

    public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        => Inner.ParseLiteral(literal, variables);
}

/// <summary>Thrown by scalar and enum coercion; carries only a message (the caller adds locations and paths).</summary>
public sealed class ScalarCoercionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScalarCoercionException()
        : base("The value cannot be coerced.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ScalarCoercionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ScalarCoercionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown when a schema is invalid or cannot be built; the messages name the offending type or field.</summary>
public sealed class SchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaException()
        : this(["The schema is invalid."])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    public SchemaException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and a cause.</summary>
    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception listing every problem found.</summary>
    public SchemaException(IReadOnlyList<string> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, one message each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Format(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? "Invalid schema: " + errors[0]
            : "Invalid schema (" + errors.Count + " problems):" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e));
    }
}

/// <summary>A custom scalar whose coercion is given as delegates.</summary>
internal sealed class DelegateScalarType(
    string name,
    string? description,
    string? specifiedByUrl,
    Func<object?, object?> serialize,
    Func<object?, object?> parseValue,
    Func<ValueNode, IReadOnlyDictionary<string, object?>?, object?>? parseLiteral)
    : ScalarType(name, description, specifiedByUrl)
{
    public override object? Serialize(object? value) => serialize(value);

    public override object? ParseValue(object? value) => parseValue(value);

    public override object? ParseLiteral(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
        => parseLiteral is null
            ? parseValue(ValueCoercion.LiteralToPlainValue(literal, variables))
            : parseLiteral(literal, variables);
}
