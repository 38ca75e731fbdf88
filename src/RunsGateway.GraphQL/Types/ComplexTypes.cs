using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>An object or interface type: a named type with output fields and implemented interfaces.</summary>
/// <remarks>Fields and interfaces may be given as thunks so that types can reference each other; they are resolved once, on first use.</remarks>
public abstract class ComplexType : NamedType
{
    private readonly Lazy<IReadOnlyDictionary<string, FieldDefinition>> _fields;
    private readonly Lazy<IReadOnlyList<InterfaceType>> _interfaces;

    private protected ComplexType(
        string name,
        string? description,
        Func<IEnumerable<FieldDefinition>> fields,
        Func<IEnumerable<InterfaceType>>? interfaces)
        : base(name, description)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new(() => TypeCollections.ToOrdered(fields(), f => f.Name, name), LazyThreadSafetyMode.ExecutionAndPublication);
        _interfaces = new(() => interfaces is null ? [] : [.. interfaces()], LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The fields in definition order.</summary>
    public IReadOnlyDictionary<string, FieldDefinition> Fields => _fields.Value;

    /// <summary>The interfaces this type implements, in definition order.</summary>
    public IReadOnlyList<InterfaceType> Interfaces => _interfaces.Value;

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public FieldDefinition? GetField(string name) => Fields.TryGetValue(name, out var field) ? field : null;

    /// <summary>True when this type declares <paramref name="iface"/> among its interfaces.</summary>
    public bool Implements(InterfaceType iface)
    {
        foreach (var candidate in Interfaces)
        {
            if (ReferenceEquals(candidate, iface))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>An object type.</summary>
public sealed class ObjectType : ComplexType
{
    /// <summary>Creates an object type whose fields and interfaces may be resolved lazily.</summary>
    public ObjectType(
        string name,
        Func<IEnumerable<FieldDefinition>> fields,
        Func<IEnumerable<InterfaceType>>? interfaces = null,
        string? description = null)
        : base(name, description, fields, interfaces)
    {
    }

    /// <summary>Creates an object type from a fixed list of fields.</summary>
    public ObjectType(string name, IEnumerable<FieldDefinition> fields, IEnumerable<InterfaceType>? interfaces = null, string? description = null)
        : this(name, TypeCollections.Freeze(fields), interfaces is null ? null : TypeCollections.Freeze(interfaces), description)
    {
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Object;

    /// <summary>
    /// Optional check used by execution for abstract types without a type resolver: true when <c>value</c> is of this type.
    /// </summary>
    public Func<object, bool>? IsTypeOf { get; init; }
}

/// <summary>An interface type.</summary>
public sealed class InterfaceType : ComplexType
{
    /// <summary>Creates an interface type whose fields and interfaces may be resolved lazily.</summary>
    public InterfaceType(
        string name,
        Func<IEnumerable<FieldDefinition>> fields,
        Func<IEnumerable<InterfaceType>>? interfaces = null,
        string? description = null)
        : base(name, description, fields, interfaces)
    {
    }

    /// <summary>Creates an interface type from a fixed list of fields.</summary>
    public InterfaceType(string name, IEnumerable<FieldDefinition> fields, IEnumerable<InterfaceType>? interfaces = null, string? description = null)
        : this(name, TypeCollections.Freeze(fields), interfaces is null ? null : TypeCollections.Freeze(interfaces), description)
    {
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Interface;

    /// <summary>Resolves the concrete object type of a value; null lets execution fall back to <c>__typename</c>/IsTypeOf.</summary>
    public TypeResolver? ResolveType { get; internal set; }
}

/// <summary>A union type.</summary>
public sealed class UnionType : NamedType
{
    private readonly Lazy<IReadOnlyList<ObjectType>> _types;

    /// <summary>Creates a union whose member types may be resolved lazily.</summary>
    public UnionType(string name, Func<IEnumerable<ObjectType>> types, string? description = null)
        : base(name, description)
    {
        ArgumentNullException.ThrowIfNull(types);
        _types = new(() => [.. types()], LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Creates a union from a fixed list of member types.</summary>
    public UnionType(string name, IEnumerable<ObjectType> types, string? description = null)
        : this(name, TypeCollections.Freeze(types), description)
    {
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Union;

    /// <summary>The member types in definition order.</summary>
    public IReadOnlyList<ObjectType> Types => _types.Value;

    /// <summary>Resolves the concrete object type of a value; null lets execution fall back to <c>__typename</c>/IsTypeOf.</summary>
    public TypeResolver? ResolveType { get; internal set; }
}

/// <summary>An output field of an object or interface type.</summary>
public sealed class FieldDefinition
{
    /// <summary>Creates a field.</summary>
    public FieldDefinition(string name, GraphQLType type, FieldResolver? resolver = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        Resolver = resolver;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The output type.</summary>
    public GraphQLType Type { get; }

    /// <summary>The description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The argument definitions in definition order.</summary>
    public IReadOnlyList<InputValueDefinition> Arguments { get; init; } = [];

    /// <summary>The deprecation reason; null when the field is not deprecated.</summary>
    public string? DeprecationReason { get; init; }

    /// <summary>True when the field is deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The resolver; null means execution's default resolver.</summary>
    public FieldResolver? Resolver
    {
        get => _resolver;
        internal set
        {
            _resolver = value;

            // A reader belongs to the resolver it was made with.
            MemberReader = null;
        }
    }

    private FieldResolver? _resolver;

    /// <summary>
    /// For a field of a scalar or enum type whose <see cref="Resolver"/> reads a property (or parameterless method) of its parent:
    /// the same read as a plain function of the parent, which execution calls without a resolver context. Null otherwise.
    /// </summary>
    internal Func<object, object?>? MemberReader { get; set; }

    /// <summary>
    /// The source event stream of a subscription root field; null for other fields. Each event is then resolved with
    /// <see cref="Resolver"/> as the root value (the builder's default for subscription fields returns the event itself).
    /// </summary>
    public SubscribeResolver? Subscriber { get; init; }

    /// <summary>How the source events of <see cref="Subscriber"/> become response events.</summary>
    public SubscriptionEventOptions SubscriptionEvents { get; init; }

    /// <summary>The SDL definition, if any.</summary>
    public FieldDefinitionNode? AstNode { get; init; }

    /// <summary>The argument named <paramref name="name"/>, or null.</summary>
    public InputValueDefinition? GetArgument(string name) => TypeCollections.Find(Arguments, name);

    /// <inheritdoc />
    public override string ToString() => Name + ": " + Type;
}

/// <summary>Collection helpers shared by the type classes.</summary>
internal static class TypeCollections
{
    public static IReadOnlyDictionary<string, T> ToOrdered<T>(IEnumerable<T> items, Func<T, string> key, string owner)
    {
        var result = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!result.TryAdd(key(item), item))
            {
                throw new InvalidOperationException($"\"{owner}\" defines \"{key(item)}\" more than once.");
            }
        }

        return result;
    }

    public static Func<IEnumerable<T>> Freeze<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        T[] array = [.. items];
        return () => array;
    }

    public static InputValueDefinition? Find(IReadOnlyList<InputValueDefinition> items, string name)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i].Name, name, StringComparison.Ordinal))
            {
                return items[i];
            }
        }

        return null;
    }
}
