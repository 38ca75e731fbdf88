using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>
/// An immutable GraphQL schema: root types, every reachable named type (including the built-in scalars in use and the
/// introspection types) and the directives.
/// </summary>
public sealed class Schema
{
    private readonly OrderedDictionary<string, NamedType> _types = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, DirectiveDefinition> _directives = new(StringComparer.Ordinal);
    private readonly Dictionary<NamedType, IReadOnlyList<ObjectType>> _possibleTypes = [];
    private readonly Dictionary<NamedType, HashSet<ObjectType>> _possibleTypeSets = [];
    private readonly Dictionary<InterfaceType, List<InterfaceType>> _interfaceImplementations = [];
    private readonly ObjectType? _queryType;

    /// <summary>Creates a schema. Types reachable from the roots, the given types and the directives are collected.</summary>
    /// <param name="queryType">The query root type (required by the spec; null only for schemas that are extended later).</param>
    /// <param name="mutationType">The mutation root type, if any.</param>
    /// <param name="subscriptionType">The subscription root type, if any.</param>
    /// <param name="types">Additional types (for example types only reachable through interfaces).</param>
    /// <param name="directives">The directives; null means the built-in directives.</param>
    /// <param name="description">The schema description.</param>
    /// <exception cref="SchemaException">Two different types share a name.</exception>
    public Schema(
        ObjectType? queryType,
        ObjectType? mutationType = null,
        ObjectType? subscriptionType = null,
        IEnumerable<NamedType>? types = null,
        IEnumerable<DirectiveDefinition>? directives = null,
        string? description = null)
    {
        _queryType = queryType;
        MutationType = mutationType;
        SubscriptionType = subscriptionType;
        Description = description;

        foreach (var directive in directives ?? BuiltInDirectives.All)
        {
            _directives.TryAdd(directive.Name, directive);
        }

        // Same discovery order as graphql-js: the given types (SDL definition order) first, then the roots.
        var errors = new List<string>();
        foreach (var type in types ?? [])
        {
            Collect(type, errors);
        }

        foreach (var root in new[] { queryType, mutationType, subscriptionType })
        {
            if (root is not null)
            {
                Collect(root, errors);
            }
        }

        foreach (var directive in _directives.Values)
        {
            foreach (var argument in directive.Arguments)
            {
                Collect(argument.Type.NamedType(), errors);
            }
        }

        foreach (var type in IntrospectionTypeSource.Types)
        {
            Collect(type, errors);
        }

        if (errors.Count > 0)
        {
            throw new SchemaException(errors);
        }

        BuildPossibleTypes();
    }

    /// <summary>The schema description.</summary>
    public string? Description { get; }

    /// <summary>The query root type.</summary>
    /// <exception cref="InvalidOperationException">The schema has no query type (only schemas built without validation).</exception>
    public ObjectType QueryType => _queryType ?? throw new InvalidOperationException("The schema has no query root type.");

    /// <summary>True when the schema has a query root type (always for validated schemas).</summary>
    public bool HasQueryType => _queryType is not null;

    /// <summary>The mutation root type, if any.</summary>
    public ObjectType? MutationType { get; }

    /// <summary>The subscription root type, if any.</summary>
    public ObjectType? SubscriptionType { get; }

    /// <summary>Every named type, in discovery order, including used built-in scalars and introspection types.</summary>
    public IReadOnlyDictionary<string, NamedType> Types => _types;

    /// <summary>The directives, built-in ones included.</summary>
    public IReadOnlyCollection<DirectiveDefinition> Directives => _directives.Values;

    /// <summary>The schema definition this schema was built from, if any.</summary>
    public SchemaDefinitionNode? AstNode { get; init; }

    /// <summary>The schema extensions applied, in source order.</summary>
    public IReadOnlyList<SchemaExtensionNode> ExtensionAstNodes { get; init; } = [];

    /// <summary>The named type <paramref name="name"/>, or null.</summary>
    public NamedType? GetType(string name) => _types.GetValueOrDefault(name);

    /// <summary>The directive <paramref name="name"/> (without @), or null.</summary>
    public DirectiveDefinition? GetDirective(string name) => _directives.GetValueOrDefault(name);

    /// <summary>The root type of an operation type, or null when the schema does not support it.</summary>
    public ObjectType? GetRootType(OperationType operation) => operation switch
    {
        OperationType.Query => _queryType,
        OperationType.Mutation => MutationType,
        OperationType.Subscription => SubscriptionType,
        _ => null,
    };

    /// <summary>The object types that may be the runtime type of an abstract type (union members or interface implementations).</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) => abstractType switch
    {
        UnionType union => union.Types,
        InterfaceType => _possibleTypes.GetValueOrDefault(abstractType) ?? [],
        ObjectType obj => [obj],
        _ => [],
    };

    /// <summary>True when <paramref name="possibleType"/> is a possible runtime type of <paramref name="abstractType"/>.</summary>
    public bool IsPossibleType(NamedType abstractType, ObjectType possibleType)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        ArgumentNullException.ThrowIfNull(possibleType);
        return abstractType switch
        {
            ObjectType obj => ReferenceEquals(obj, possibleType),
            _ => _possibleTypeSets.TryGetValue(abstractType, out var set) && set.Contains(possibleType),
        };
    }

    /// <summary>
    /// True when <paramref name="maybeSubType"/> is a member of the union, or implements the interface (directly or
    /// through another interface).
    /// </summary>
    public bool IsSubType(NamedType abstractType, NamedType maybeSubType)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        ArgumentNullException.ThrowIfNull(maybeSubType);
        return maybeSubType switch
        {
            ObjectType obj => IsPossibleType(abstractType, obj),
            InterfaceType iface when abstractType is InterfaceType parent =>
                _interfaceImplementations.TryGetValue(parent, out var list) && list.Contains(iface),
            _ => false,
        };
    }

    /// <summary>The interfaces that implement <paramref name="iface"/>.</summary>
    public IReadOnlyList<InterfaceType> GetImplementingInterfaces(InterfaceType iface)
        => _interfaceImplementations.TryGetValue(iface, out var list) ? list : [];

    private void Collect(NamedType type, List<string> errors)
    {
        var pending = new Stack<NamedType>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (_types.TryGetValue(current.Name, out var existing))
            {
                if (!ReferenceEquals(existing, current))
                {
                    errors.Add($"Schema must contain uniquely named types but contains multiple types named \"{current.Name}\".");
                }

                continue;
            }

            _types.Add(current.Name, current);
            foreach (var child in Children(current).Reverse())
            {
                pending.Push(child);
            }
        }
    }

    private static IEnumerable<NamedType> Children(NamedType type)
    {
        switch (type)
        {
            case ComplexType complex:
                foreach (var iface in complex.Interfaces)
                {
                    yield return iface;
                }

                foreach (var field in complex.Fields.Values)
                {
                    yield return field.Type.NamedType();
                    foreach (var argument in field.Arguments)
                    {
                        yield return argument.Type.NamedType();
                    }
                }

                break;
            case UnionType union:
                foreach (var member in union.Types)
                {
                    yield return member;
                }

                break;
            case InputObjectType input:
                foreach (var field in input.Fields.Values)
                {
                    yield return field.Type.NamedType();
                }

                break;
        }
    }

    private void BuildPossibleTypes()
    {
        var implementations = new Dictionary<NamedType, List<ObjectType>>();
        foreach (var type in _types.Values)
        {
            if (type is not ComplexType complex)
            {
                continue;
            }

            foreach (var iface in complex.Interfaces)
            {
                if (complex is ObjectType obj)
                {
                    if (!implementations.TryGetValue(iface, out var objects))
                    {
                        implementations[iface] = objects = [];
                    }

                    objects.Add(obj);
                }
                else if (complex is InterfaceType sub)
                {
                    if (!_interfaceImplementations.TryGetValue(iface, out var interfaces))
                    {
                        _interfaceImplementations[iface] = interfaces = [];
                    }

                    interfaces.Add(sub);
                }
            }
        }

        foreach (var (iface, objects) in implementations)
        {
            _possibleTypes[iface] = objects;
        }

        foreach (var type in _types.Values)
        {
            if (type is InterfaceType or UnionType)
            {
                _possibleTypeSets[type] = [.. GetPossibleTypes(type)];
            }
        }
    }
}
