using System.Runtime.CompilerServices;
using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Resolvers;
using RunsGateway.GraphQL.Validation.Sdl;

namespace RunsGateway.GraphQL.Types;

/// <summary>
/// Builds a <see cref="Schema"/> from SDL and binds code to it: field resolvers, CLR runtime types with default
/// property resolvers, type resolvers for abstract types, scalars and enum values.
/// </summary>
/// <example>
/// <code>
/// var schema = SchemaBuilder.FromSdl(sdl)
///     .AddResolver("Query", "run", ctx => ValueTask.FromResult&lt;object?&gt;(runs.Find(ctx.ArgumentValue&lt;string&gt;("id"))))
///     .BindRuntimeType&lt;Run&gt;("Run")
///     .AddScalar(Scalars.DateTime)
///     .Build();
/// </code>
/// </example>
public sealed class SchemaBuilder
{
    private readonly DocumentNode _document;
    private readonly Dictionary<(string Type, string Field), FieldResolver> _resolvers = [];
    private readonly Dictionary<(string Type, string Field), SubscribeResolver> _subscribers = [];
    private readonly Dictionary<(string Type, string Field), SubscriptionEventOptions> _subscriptionEvents = [];
    private readonly Dictionary<string, TypeResolver> _typeResolvers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _runtimeTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScalarType> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _enumBindings = new(StringComparer.Ordinal);
    private readonly TypedBindings _typed = new();
    private FieldResolver? _defaultResolver;
    private bool _assumeValid;

    private SchemaBuilder(DocumentNode document)
    {
        _document = document;
    }

    /// <summary>Starts a builder from SDL text.</summary>
    /// <exception cref="GraphQLException">The SDL has a syntax error.</exception>
    public static SchemaBuilder FromSdl(string sdl)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        return new SchemaBuilder(Parser.Parse(sdl));
    }

    /// <summary>Starts a builder from a parsed SDL document.</summary>
    public static SchemaBuilder FromDocument(DocumentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new SchemaBuilder(document);
    }

    /// <summary>Sets the resolver of <c>typeName.fieldName</c>.</summary>
    public SchemaBuilder AddResolver(string typeName, string fieldName, FieldResolver resolver)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(fieldName);
        ArgumentNullException.ThrowIfNull(resolver);
        _resolvers[(typeName, fieldName)] = resolver;
        return this;
    }

    /// <summary>
    /// Sets a resolver of <c>typeName.fieldName</c> that returns its value directly (a returned <see cref="Task{TResult}"/>
    /// is awaited).
    /// </summary>
    public SchemaBuilder AddResolver(string typeName, string fieldName, Func<IResolverContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return AddResolver(typeName, fieldName, context => MemberResolverFactory.Unwrap(resolver(context)));
    }

    /// <summary>
    /// Makes <c>typeName.fieldName</c>, a field of the subscription root type, a subscription: <paramref name="subscribe"/>
    /// creates its source event stream, and each event is the field's value unless a resolver is added for it too.
    /// </summary>
    public SchemaBuilder AddSubscription(string typeName, string fieldName, SubscribeResolver subscribe)
        => AddSubscription(typeName, fieldName, subscribe, SubscriptionEventOptions.None);

    /// <summary>
    /// Makes <c>typeName.fieldName</c> a subscription as <see cref="AddSubscription(string, string, SubscribeResolver)"/> does,
    /// with <paramref name="events"/> saying how its source events become response events.
    /// </summary>
    public SchemaBuilder AddSubscription(string typeName, string fieldName, SubscribeResolver subscribe, SubscriptionEventOptions events)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(fieldName);
        ArgumentNullException.ThrowIfNull(subscribe);
        _subscribers[(typeName, fieldName)] = subscribe;
        _subscriptionEvents[(typeName, fieldName)] = events;
        return this;
    }

    /// <summary>Makes <c>typeName.fieldName</c> a subscription whose source stream <paramref name="subscribe"/> returns directly.</summary>
    public SchemaBuilder AddSubscription<TEvent>(string typeName, string fieldName, Func<IResolverContext, IAsyncEnumerable<TEvent>> subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        return AddSubscription(typeName, fieldName, context =>
        {
            var source = subscribe(context);
            return new ValueTask<IAsyncEnumerable<object?>>(source as IAsyncEnumerable<object?> ?? Box(source, CancellationToken.None));
        });
    }

    private static async IAsyncEnumerable<object?> Box<TEvent>(IAsyncEnumerable<TEvent> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>
    /// Adds a resolver class: a class marked <c>[ObjectType("T")]</c>, <c>[ExtendObjectType("T")]</c> or <c>[QueryType]</c> whose
    /// public methods resolve fields of <c>T</c> (<c>GetRunAsync</c> → <c>run</c>, or <c>[GraphQLName]</c>). Parameters bind by
    /// kind: arguments by name (converted to the parameter's type), <c>[Parent]</c>, <see cref="CancellationToken"/>,
    /// <see cref="IResolverContext"/>, DataLoaders registered with <see cref="AddDataLoader{TLoader}"/>, and services.
    /// Instance methods run on one instance created at <see cref="Build"/> (public parameterless constructor).
    /// </summary>
    public SchemaBuilder AddResolvers<TResolvers>() => AddResolvers(typeof(TResolvers));

    /// <summary>Adds a resolver class by type (static classes included); see <see cref="AddResolvers{TResolvers}()"/>.</summary>
    public SchemaBuilder AddResolvers(Type resolverType)
    {
        ArgumentNullException.ThrowIfNull(resolverType);
        _typed.AddResolverClass(resolverType, null);
        return this;
    }

    /// <summary>Adds a resolver class whose instance methods run on <paramref name="instance"/>; see <see cref="AddResolvers{TResolvers}()"/>.</summary>
    public SchemaBuilder AddResolvers(object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _typed.AddResolverClass(instance.GetType(), instance);
        return this;
    }

    /// <summary>
    /// Registers a DataLoader class (a <see cref="BatchDataLoader{TKey, TValue}"/>) that resolver methods take as a parameter.
    /// One instance is created per request, on first use, with its constructor's <see cref="IBatchScheduler"/>, the
    /// <paramref name="options"/> and services of the request.
    /// </summary>
    public SchemaBuilder AddDataLoader<TLoader>(DataLoaderOptions? options = null)
        where TLoader : class
    {
        _typed.AddDataLoader(typeof(TLoader), options);
        return this;
    }

    /// <summary>Sets the type resolver of an interface or union.</summary>
    public SchemaBuilder AddTypeResolver(string abstractTypeName, TypeResolver resolver)
    {
        ArgumentException.ThrowIfNullOrEmpty(abstractTypeName);
        ArgumentNullException.ThrowIfNull(resolver);
        _typeResolvers[abstractTypeName] = resolver;
        return this;
    }

    /// <summary>
    /// Binds a CLR type to an object type: fields without an explicit resolver read the property or parameterless method
    /// whose name is the field name in PascalCase (or the dictionary key, for dictionary types), through compiled
    /// delegates. Values of this CLR type also resolve abstract types to this object type.
    /// </summary>
    public SchemaBuilder BindRuntimeType<T>(string typeName) => BindRuntimeType(typeof(T), typeName);

    /// <summary>Binds a CLR type to an object type (see <see cref="BindRuntimeType{T}(string)"/>).</summary>
    public SchemaBuilder BindRuntimeType(Type clrType, string typeName)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        _runtimeTypes[typeName] = clrType;
        return this;
    }

    /// <summary>Binds a CLR enum to an enum type: each GraphQL value maps to the member with the same name (case and underscores ignored).</summary>
    public SchemaBuilder BindEnum<TEnum>(string enumTypeName)
        where TEnum : struct, Enum
    {
        ArgumentException.ThrowIfNullOrEmpty(enumTypeName);
        _enumBindings[enumTypeName] = typeof(TEnum);
        return this;
    }

    /// <summary>
    /// Supplies the code of a scalar. An SDL scalar with the same name takes this coercion (keeping the SDL description
    /// and <c>@specifiedBy</c> when given); otherwise the scalar is added to the schema.
    /// </summary>
    public SchemaBuilder AddScalar(ScalarType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        _scalars[scalar.Name] = scalar;
        return this;
    }

    /// <summary>The resolver used for every field that has neither an explicit resolver nor a runtime-type property.</summary>
    public SchemaBuilder UseDefaultResolver(FieldResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _defaultResolver = resolver;
        return this;
    }

    /// <summary>
    /// Skips SDL and schema validation (graphql-js's <c>assumeValid</c>), e.g. for a partial schema that a document
    /// extends. Unknown type references still fail.
    /// </summary>
    public SchemaBuilder AssumeValid()
    {
        _assumeValid = true;
        return this;
    }

    /// <summary>Builds and validates the schema and checks the bindings.</summary>
    /// <exception cref="SchemaException">The SDL or the schema is invalid, or a binding names a missing type/field or leaves a field without a resolver.</exception>
    public Schema Build()
    {
        if (!_assumeValid)
        {
            var sdlErrors = SdlValidator.Validate(_document, null);
            if (sdlErrors.Count > 0)
            {
                throw new SchemaException([.. sdlErrors.Select(FormatError)]);
            }
        }

        var errors = new List<string>();
        _typed.DiscoverEnums(_document, _runtimeTypes, _enumBindings, errors);
        var context = new BuildContext(this);
        var schema = context.Build();
        if (!_assumeValid)
        {
            errors.AddRange(SchemaValidator.Validate(schema));
        }

        errors.AddRange(context.Errors);
        _typed.Bind(schema, _runtimeTypes, _resolvers.Keys, errors);
        CheckBindings(schema, errors);
        if (errors.Count > 0)
        {
            throw new SchemaException(errors);
        }

        return schema;
    }

    private void CheckBindings(Schema schema, List<string> errors)
    {
        foreach (var (type, field) in _resolvers.Keys)
        {
            switch (schema.GetType(type))
            {
                case null:
                    errors.Add($"Cannot add a resolver for \"{type}.{field}\": the schema has no type \"{type}\".");
                    break;
                case ObjectType obj when obj.GetField(field) is null:
                    errors.Add($"Cannot add a resolver for \"{type}.{field}\": type \"{type}\" has no field \"{field}\".");
                    break;
                case ObjectType:
                    break;
                default:
                    errors.Add($"Cannot add a resolver for \"{type}.{field}\": \"{type}\" is not an object type.");
                    break;
            }
        }

        foreach (var (type, field) in _subscribers.Keys)
        {
            if (schema.SubscriptionType?.Name != type || schema.SubscriptionType.GetField(field) is null)
            {
                errors.Add($"Cannot add a subscription for \"{type}.{field}\": it is not a field of the schema's subscription type.");
            }
        }

        foreach (var name in _typeResolvers.Keys)
        {
            if (schema.GetType(name) is not (InterfaceType or UnionType))
            {
                errors.Add($"Cannot add a type resolver for \"{name}\": it is not an interface or union type of the schema.");
            }
        }

        foreach (var (name, clrType) in _runtimeTypes)
        {
            if (schema.GetType(name) is not ObjectType obj)
            {
                errors.Add($"Cannot bind runtime type \"{clrType.Name}\" to \"{name}\": it is not an object type of the schema.");
                continue;
            }

            foreach (var field in obj.Fields.Values)
            {
                if (field.Resolver is null)
                {
                    errors.Add(
                        $"Field \"{name}.{field.Name}\" has no resolver: runtime type \"{clrType.Name}\" has no property or parameterless method " +
                        $"\"{MemberResolverFactory.ToPascalCase(field.Name)}\". Add a resolver method to a resolver class of \"{name}\", AddResolver(\"{name}\", \"{field.Name}\", …) or UseDefaultResolver(…).");
                }
            }
        }

        foreach (var name in _enumBindings.Keys)
        {
            if (schema.GetType(name) is not EnumType)
            {
                errors.Add($"Cannot bind a CLR enum to \"{name}\": it is not an enum type of the schema.");
            }
        }
    }

    private static string FormatError(GraphQLError error)
        => error.Locations.Count == 0
            ? error.Message
            : error.Message + " (" + string.Join(", ", error.Locations.Select(l => l.Line + ":" + l.Column)) + ")";

    /// <summary>The state of one <see cref="Build"/> call.</summary>
    private sealed class BuildContext(SchemaBuilder builder)
    {
        private readonly OrderedDictionary<string, TypeDefinitionNode> _definitions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<TypeExtensionNode>> _extensions = new(StringComparer.Ordinal);
        private readonly OrderedDictionary<string, NamedType> _types = new(StringComparer.Ordinal);
        private readonly List<string> _errors = [];

        public IReadOnlyList<string> Errors => _errors;

        public Schema Build()
        {
            SchemaDefinitionNode? schemaDefinition = null;
            var schemaExtensions = new List<SchemaExtensionNode>();
            var directiveDefinitions = new List<DirectiveDefinitionNode>();
            foreach (var definition in builder._document.Definitions)
            {
                switch (definition)
                {
                    case TypeDefinitionNode type:
                        _definitions.TryAdd(type.Name.Value, type);
                        break;
                    case TypeExtensionNode extension:
                        if (!_extensions.TryGetValue(extension.Name.Value, out var list))
                        {
                            _extensions[extension.Name.Value] = list = [];
                        }

                        list.Add(extension);
                        break;
                    case SchemaDefinitionNode schema:
                        schemaDefinition ??= schema;
                        break;
                    case SchemaExtensionNode schemaExtension:
                        schemaExtensions.Add(schemaExtension);
                        break;
                    case DirectiveDefinitionNode directive:
                        directiveDefinitions.Add(directive);
                        break;
                    case ExecutableDefinitionNode executable:
                        _errors.Add($"The SDL contains an executable definition ({executable.Kind}); a schema document may only contain type-system definitions.");
                        break;
                }
            }

            foreach (var (name, definition) in _definitions)
            {
                if (Scalars.GetSpecified(name) is { } specified)
                {
                    _types[name] = specified;
                    continue;
                }

                _types[name] = CreateType(definition, _extensions.GetValueOrDefault(name) ?? []);
            }

            foreach (var (name, scalar) in builder._scalars)
            {
                _types.TryAdd(name, scalar);
            }

            var directives = new OrderedDictionary<string, DirectiveDefinition>(StringComparer.Ordinal);
            foreach (var node in directiveDefinitions)
            {
                directives.TryAdd(node.Name.Value, BuildDirective(node));
            }

            foreach (var builtIn in BuiltInDirectives.All)
            {
                directives.TryAdd(builtIn.Name, builtIn);
            }

            ObjectType? query = null, mutation = null, subscription = null;
            var operationTypes = (schemaDefinition?.OperationTypes ?? []).Concat(schemaExtensions.SelectMany(e => e.OperationTypes)).ToList();
            foreach (var operationType in operationTypes)
            {
                var root = RootType(operationType.Type.Name.Value, operationType.Operation);
                switch (operationType.Operation)
                {
                    case OperationType.Query: query ??= root; break;
                    case OperationType.Mutation: mutation ??= root; break;
                    case OperationType.Subscription: subscription ??= root; break;
                }
            }

            if (schemaDefinition is null)
            {
                // Without a schema definition the conventional names decide (as graphql-js), even over schema extensions.
                foreach (var operation in new[] { OperationType.Query, OperationType.Mutation, OperationType.Subscription })
                {
                    if (!_types.TryGetValue(operation.ToString(), out var type))
                    {
                        continue;
                    }

                    var root = type as ObjectType;
                    if (root is null)
                    {
                        _errors.Add($"{operation} root type must be Object type, it cannot be {type.Name}.");
                    }

                    switch (operation)
                    {
                        case OperationType.Query: query = root; break;
                        case OperationType.Mutation: mutation = root; break;
                        default: subscription = root; break;
                    }
                }
            }

            try
            {
                var schema = new Schema(query, mutation, subscription, _types.Values, directives.Values, schemaDefinition?.Description?.Value)
                {
                    AstNode = schemaDefinition,
                    ExtensionAstNodes = schemaExtensions,
                };
                BindAbstractTypes(schema);
                return schema;
            }
            catch (UnknownTypeException ex)
            {
                throw new SchemaException([.. _errors, ex.Message]);
            }
        }

        private ObjectType? RootType(string name, OperationType operation)
        {
            var type = GetNamed(name);
            if (type is ObjectType obj)
            {
                return obj;
            }

            _errors.Add($"{operation} root type must be Object type, it cannot be {type.Name}.");
            return null;
        }

        private NamedType GetNamed(string name)
        {
            if (_types.TryGetValue(name, out var type))
            {
                return type;
            }

            return Scalars.GetSpecified(name)
                ?? IntrospectionTypeSource.Get(name)
                ?? throw new UnknownTypeException($"Unknown type \"{name}\".");
        }

        private GraphQLType ResolveType(TypeNode node) => node switch
        {
            NamedTypeNode named => GetNamed(named.Name.Value),
            ListTypeNode list => new ListType(ResolveType(list.Type)),
            NonNullTypeNode nonNull => new NonNullType(ResolveType(nonNull.Type)),
            _ => throw new ArgumentException("Unknown type node.", nameof(node)),
        };

        private NamedType CreateType(TypeDefinitionNode definition, List<TypeExtensionNode> extensions)
        {
            var name = definition.Name.Value;
            var description = definition.Description?.Value;
            IReadOnlyList<TypeExtensionNode> extensionNodes = extensions;
            var allDirectives = definition.Directives.Concat(extensions.SelectMany(e => e.Directives)).ToList();
            switch (definition)
            {
                case ScalarTypeDefinitionNode:
                    var specifiedBy = GetSpecifiedByUrl(allDirectives);
                    if (builder._scalars.TryGetValue(name, out var code))
                    {
                        return new DelegatingScalarType(name, code, description ?? code.Description, specifiedBy ?? code.SpecifiedByUrl)
                        {
                            AstNode = definition,
                            ExtensionAstNodes = extensionNodes,
                        };
                    }

                    return new ScalarType(name, description, specifiedBy) { AstNode = definition, ExtensionAstNodes = extensionNodes };

                case ObjectTypeDefinitionNode obj:
                    var clrType = builder._runtimeTypes.GetValueOrDefault(name);
                    return new ObjectType(
                        name,
                        () => obj.Fields.Concat(extensions.OfType<ObjectTypeExtensionNode>().SelectMany(e => e.Fields)).Select(f => BuildField(name, f)),
                        () => Interfaces(obj.Interfaces.Concat(extensions.OfType<ObjectTypeExtensionNode>().SelectMany(e => e.Interfaces))),
                        description)
                    {
                        AstNode = definition,
                        ExtensionAstNodes = extensionNodes,
                        IsTypeOf = clrType is null ? null : clrType.IsInstanceOfType,
                    };

                case InterfaceTypeDefinitionNode iface:
                    return new InterfaceType(
                        name,
                        () => iface.Fields.Concat(extensions.OfType<InterfaceTypeExtensionNode>().SelectMany(e => e.Fields)).Select(f => BuildField(name, f)),
                        () => Interfaces(iface.Interfaces.Concat(extensions.OfType<InterfaceTypeExtensionNode>().SelectMany(e => e.Interfaces))),
                        description)
                    {
                        AstNode = definition,
                        ExtensionAstNodes = extensionNodes,
                    };

                case UnionTypeDefinitionNode union:
                    return new UnionType(
                        name,
                        () => union.Types.Concat(extensions.OfType<UnionTypeExtensionNode>().SelectMany(e => e.Types)).Select(t => GetNamed(t.Name.Value)).OfType<ObjectType>(),
                        description)
                    {
                        AstNode = definition,
                        ExtensionAstNodes = extensionNodes,
                    };

                case EnumTypeDefinitionNode enumNode:
                    var values = enumNode.Values.Concat(extensions.OfType<EnumTypeExtensionNode>().SelectMany(e => e.Values));
                    return new EnumType(name, BuildEnumValues(name, values), description)
                    {
                        AstNode = definition,
                        ExtensionAstNodes = extensionNodes,
                    };

                case InputObjectTypeDefinitionNode input:
                    return new InputObjectType(
                        name,
                        () => input.Fields.Concat(extensions.OfType<InputObjectTypeExtensionNode>().SelectMany(e => e.Fields)).Select(BuildInputValue),
                        description)
                    {
                        AstNode = definition,
                        ExtensionAstNodes = extensionNodes,
                        IsOneOf = allDirectives.Any(d => d.Name.Value == "oneOf"),
                    };

                default:
                    throw new ArgumentException("Unknown type definition.", nameof(definition));
            }
        }

        private IEnumerable<InterfaceType> Interfaces(IEnumerable<NamedTypeNode> nodes)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                // Non-interfaces and duplicates are reported by schema validation, which reads the AST.
                if (seen.Add(node.Name.Value) && GetNamed(node.Name.Value) is InterfaceType iface)
                {
                    yield return iface;
                }
            }
        }

        private List<EnumValueDefinition> BuildEnumValues(string enumName, IEnumerable<EnumValueDefinitionNode> nodes)
        {
            var clrEnum = builder._enumBindings.GetValueOrDefault(enumName);
            var result = new List<EnumValueDefinition>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                if (!seen.Add(node.Name.Value))
                {
                    continue;
                }

                object? value = node.Name.Value;
                if (clrEnum is not null)
                {
                    var member = Enum.GetNames(clrEnum).FirstOrDefault(n => MemberResolverFactory.NamesMatch(n, node.Name.Value));
                    if (member is null)
                    {
                        _errors.Add($"Enum value \"{enumName}.{node.Name.Value}\" has no matching member in CLR enum \"{clrEnum.Name}\".");
                    }
                    else
                    {
                        value = Enum.Parse(clrEnum, member);
                    }
                }

                result.Add(new EnumValueDefinition(node.Name.Value, value)
                {
                    Description = node.Description?.Value,
                    DeprecationReason = GetDeprecationReason(node.Directives),
                    AstNode = node,
                });
            }

            return result;
        }

        private FieldDefinition BuildField(string typeName, FieldDefinitionNode node)
        {
            var name = node.Name.Value;
            var type = ResolveType(node.Type);
            var resolver = builder._resolvers.GetValueOrDefault((typeName, name));
            Func<object, object?>? reader = null;
            if (resolver is null && builder._runtimeTypes.TryGetValue(typeName, out var clrType))
            {
                resolver = MemberResolverFactory.TryCreate(clrType, name, type, out reader);
            }

            var subscriber = builder._subscribers.GetValueOrDefault((typeName, name));
            if (subscriber is not null && !builder._resolvers.ContainsKey((typeName, name)))
            {
                // A subscription field's value is the source event unless a resolver says otherwise.
                resolver = EventResolver;
                reader = null;
            }

            resolver ??= builder._defaultResolver;
            return new FieldDefinition(name, type, resolver)
            {
                MemberReader = reader,
                Subscriber = subscriber,
                SubscriptionEvents = builder._subscriptionEvents.GetValueOrDefault((typeName, name)),
                Description = node.Description?.Value,
                Arguments = [.. node.Arguments.Select(BuildInputValue)],
                DeprecationReason = GetDeprecationReason(node.Directives),
                AstNode = node,
            };
        }

        private static ValueTask<object?> EventResolver(IResolverContext context) => new(context.Parent);

        private InputValueDefinition BuildInputValue(InputValueDefinitionNode node) => new(node.Name.Value, ResolveType(node.Type))
        {
            Description = node.Description?.Value,
            DefaultValueLiteral = node.DefaultValue,
            DeprecationReason = GetDeprecationReason(node.Directives),
            AstNode = node,
        };

        private DirectiveDefinition BuildDirective(DirectiveDefinitionNode node)
        {
            var locations = new List<DirectiveLocation>();
            foreach (var location in node.Locations)
            {
                if (SpecNames.TryParseDirectiveLocation(location.Value, out var parsed))
                {
                    locations.Add(parsed);
                }
                else
                {
                    _errors.Add($"Directive \"@{node.Name.Value}\" has an unknown location \"{location.Value}\".");
                }
            }

            return new DirectiveDefinition(node.Name.Value, locations)
            {
                Description = node.Description?.Value,
                Arguments = [.. node.Arguments.Select(BuildInputValue)],
                IsRepeatable = node.Repeatable,
                AstNode = node,
            };
        }

        private void BindAbstractTypes(Schema schema)
        {
            foreach (var type in schema.Types.Values)
            {
                switch (type)
                {
                    case InterfaceType iface:
                        iface.ResolveType = builder._typeResolvers.GetValueOrDefault(iface.Name) ?? ClrTypeResolver(schema.GetPossibleTypes(iface));
                        break;
                    case UnionType union:
                        union.ResolveType = builder._typeResolvers.GetValueOrDefault(union.Name) ?? ClrTypeResolver(union.Types);
                        break;
                }
            }
        }

        private TypeResolver? ClrTypeResolver(IReadOnlyList<ObjectType> possibleTypes)
        {
            var candidates = possibleTypes
                .Where(t => builder._runtimeTypes.ContainsKey(t.Name))
                .Select(t => (ClrType: builder._runtimeTypes[t.Name], Type: t))
                .ToArray();
            if (candidates.Length == 0)
            {
                return null;
            }

            return (value, _) =>
            {
                var runtimeType = value.GetType();
                foreach (var (clrType, objectType) in candidates)
                {
                    if (clrType.IsAssignableFrom(runtimeType))
                    {
                        return objectType;
                    }
                }

                return null;
            };
        }

        private static string? GetDeprecationReason(IReadOnlyList<DirectiveNode> directives)
        {
            foreach (var directive in directives)
            {
                if (directive.Name.Value != "deprecated")
                {
                    continue;
                }

                foreach (var argument in directive.Arguments)
                {
                    if (argument.Name.Value == "reason" && argument.Value is StringValueNode reason)
                    {
                        return reason.Value;
                    }
                }

                return BuiltInDirectives.DefaultDeprecationReason;
            }

            return null;
        }

        private static string? GetSpecifiedByUrl(IReadOnlyList<DirectiveNode> directives)
        {
            foreach (var directive in directives)
            {
                if (directive.Name.Value != "specifiedBy")
                {
                    continue;
                }

                foreach (var argument in directive.Arguments)
                {
                    if (argument.Name.Value == "url" && argument.Value is StringValueNode url)
                    {
                        return url.Value;
                    }
                }
            }

            return null;
        }
    }

    private sealed class UnknownTypeException(string message) : Exception(message);
}
