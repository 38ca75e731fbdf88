using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RunsGateway.Vendors.Drift;

/// <summary>The JSON type a DTO member reads.</summary>
internal enum ShapeType : byte
{
    /// <summary>Anything (a <see cref="JsonElement"/> member, e.g. Crewship's free-form <c>input</c>).</summary>
    Any,
    Object,
    Array,
    String,
    Number,
    Boolean,
}

/// <summary>
/// The shape the gateway reads at one place of a vendor answer, derived once from the DTO's <see cref="JsonTypeInfo"/>: the JSON type,
/// the known fields of an object (with the documented-always ones), the element of an array, the documented values of a status.
/// </summary>
internal sealed class PayloadShape
{
    /// <summary>At most this many fields per object, so presence fits in one <see cref="ulong"/> while walking.</summary>
    public const int MaxFields = 64;

    private const int MaxDepth = 16;

    private PayloadShape(ShapeType type, string path)
    {
        Type = type;
        Path = path;
    }

    public ShapeType Type { get; }

    /// <summary>Where this shape sits, as reported: <c>$</c>, <c>$.status</c>, <c>$.specs[].tests[].status</c>.</summary>
    public string Path { get; }

    /// <summary>The known fields of an object shape.</summary>
    public ShapeField[] Fields { get; private set; } = [];

    /// <summary>The element shape of an array shape.</summary>
    public PayloadShape? Element { get; private set; }

    /// <summary>The documented values of a string shape, as UTF-8, or null when any value is fine.</summary>
    public byte[][]? KnownValues { get; private set; }

    /// <summary>Derives the shape of a DTO from its JSON metadata.</summary>
    public static PayloadShape From(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Build(typeInfo, "$", knownValues: null, depth: 0);
    }

    private static PayloadShape Build(JsonTypeInfo typeInfo, string path, IReadOnlyList<string>? knownValues, int depth)
    {
        if (depth > MaxDepth)
        {
            return new PayloadShape(ShapeType.Any, path);
        }

        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object:
                var shape = new PayloadShape(ShapeType.Object, path);
                var fields = new List<ShapeField>();
                foreach (var property in typeInfo.Properties)
                {
                    var attributes = AttributesOf(typeInfo.Type, property);
                    var values = attributes?.GetCustomAttributes(typeof(KnownValuesAttribute), inherit: false).OfType<KnownValuesAttribute>().FirstOrDefault()?.Values;
                    var always = attributes?.IsDefined(typeof(AlwaysPresentAttribute), inherit: false) ?? false;
                    var child = Build(typeInfo.Options.GetTypeInfo(property.PropertyType), path + "." + property.Name, values, depth + 1);
                    fields.Add(new ShapeField(property.Name, child, always));
                }

                if (fields.Count > MaxFields)
                {
                    throw new InvalidOperationException($"{typeInfo.Type.Name} has more than {MaxFields} JSON fields; the drift inspector tracks at most {MaxFields}.");
                }

                shape.Fields = [.. fields];
                return shape;
            case JsonTypeInfoKind.Enumerable when typeInfo.ElementType is { } elementType:
                return new PayloadShape(ShapeType.Array, path)
                {
                    Element = Build(typeInfo.Options.GetTypeInfo(elementType), path + "[]", knownValues: null, depth + 1),
                };
            case JsonTypeInfoKind.None:
                return new PayloadShape(ScalarType(type), path)
                {
                    KnownValues = knownValues is null ? null : [.. knownValues.Select(Encoding.UTF8.GetBytes)],
                };
            default:
                return new PayloadShape(ShapeType.Any, path);
        }
    }

    private static ShapeType ScalarType(Type type)
    {
        if (type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(TimeSpan))
        {
            return ShapeType.String;
        }

        if (type == typeof(bool))
        {
            return ShapeType.Boolean;
        }

        return type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) || type == typeof(float)
            || type == typeof(short) || type == typeof(uint) || type == typeof(ulong)
            ? ShapeType.Number
            : ShapeType.Any;
    }

    /// <summary>The member behind a JSON property (source-generated metadata may not carry it; the DTO's own property then does).</summary>
    private static ICustomAttributeProvider? AttributesOf(Type declaringType, JsonPropertyInfo property) =>
        property.AttributeProvider
        ?? declaringType.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .FirstOrDefault(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name) == property.Name);
}

/// <summary>A known field of an object shape.</summary>
internal sealed class ShapeField(string name, PayloadShape shape, bool alwaysPresent)
{
    public string Name { get; } = name;

    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    public PayloadShape Shape { get; } = shape;

    /// <summary>Whether the vendor documents the field in every answer.</summary>
    public bool AlwaysPresent { get; } = alwaysPresent;
}
