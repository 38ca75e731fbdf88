using System.Linq.Expressions;
using System.Reflection;
using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Resolvers;

/// <summary>
/// The typed API's part of <see cref="SchemaBuilder.Build"/>: finds the C# enums that bind to GraphQL enums, compiles
/// resolver class methods into <see cref="FieldResolver"/> delegates (expression trees, compiled once), creates DataLoader
/// factories, and reports every mismatch between the SDL and the CLR types with the type, field and CLR member named.
/// </summary>
internal sealed class TypedBindings
{
    private static readonly MethodInfo ArgumentMethod = Method(nameof(ResolverRuntime.Argument));
    private static readonly MethodInfo ParentMethod = Method(nameof(ResolverRuntime.Parent));
    private static readonly MethodInfo ServiceMethod = Method(nameof(ResolverRuntime.Service));
    private static readonly MethodInfo DataLoaderMethod = Method(nameof(ResolverRuntime.DataLoader));
    private static readonly MethodInfo LoaderServiceMethod = Method(nameof(ResolverRuntime.LoaderService));
    private static readonly MethodInfo FromValueMethod = Method(nameof(ResolverRuntime.FromValue));
    private static readonly MethodInfo FromInt64Method = Method(nameof(ResolverRuntime.FromInt64));
    private static readonly MethodInfo FromNullableInt64Method = Method(nameof(ResolverRuntime.FromNullableInt64));
    private static readonly MethodInfo AwaitTaskMethod = Method(nameof(ResolverRuntime.AwaitTask));
    private static readonly MethodInfo AwaitValueTaskMethod = Method(nameof(ResolverRuntime.AwaitValueTask));
    private static readonly PropertyInfo CancellationTokenProperty = typeof(IResolverContext).GetProperty(nameof(IResolverContext.CancellationToken))!;

    private readonly List<(Type Type, object? Instance)> _resolverClasses = [];
    private readonly Dictionary<Type, DataLoaderOptions?> _dataLoaders = [];
    private readonly NullabilityInfoContext _nullability = new();

    public bool IsEmpty => _resolverClasses.Count == 0 && _dataLoaders.Count == 0;

    public void AddResolverClass(Type type, object? instance) => _resolverClasses.Add((type, instance));

    public void AddDataLoader(Type type, DataLoaderOptions? options) => _dataLoaders[type] = options;

    /// <summary>The GraphQL field name of a resolver method: <c>[GraphQLName]</c>, or <c>GetRunAsync</c> → <c>run</c>.</summary>
    public static string FieldName(MethodInfo method)
    {
        if (method.GetCustomAttribute<GraphQLNameAttribute>() is { } rename)
        {
            return rename.Name;
        }

        var name = method.Name;
        if (name.Length > 5 && name.EndsWith("Async", StringComparison.Ordinal))
        {
            name = name[..^5];
        }

        if (name.Length > 3 && name.StartsWith("Get", StringComparison.Ordinal) && char.IsUpper(name[3]))
        {
            name = name[3..];
        }

        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The public methods of a resolver class that resolve fields.</summary>
    public static IEnumerable<MethodInfo> FieldMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType != typeof(object) && m.GetCustomAttribute<GraphQLIgnoreAttribute>() is null);

    /// <summary>The GraphQL type a resolver class is marked for, or null.</summary>
    public static string? TypeName(Type type) => type.GetCustomAttribute<GraphQLTypeAttribute>()?.Name;

    /// <summary>Before the types are built: binds the C# enums that resolvers, arguments and runtime types use to the SDL enums.</summary>
    public void DiscoverEnums(DocumentNode document, IReadOnlyDictionary<string, Type> runtimeTypes, Dictionary<string, Type> enumBindings, List<string> errors)
    {
        var sdl = new SdlIndex(document);
        var visited = new HashSet<(Type, string)>();

        void Visit(TypeNode typeNode, Type clr, string where)
        {
            var named = Named(typeNode);
            var element = LeafType(clr);
            if (sdl.Enums.TryGetValue(named, out var values) && element.IsEnum)
            {
                BindEnum(named, values, element, where, enumBindings, errors);
            }
            else if (sdl.Inputs.TryGetValue(named, out var fields) && !element.IsPrimitive && element != typeof(string) && visited.Add((element, named)))
            {
                foreach (var field in fields)
                {
                    var member = (MemberInfo?)element.GetProperties().FirstOrDefault(p => MemberResolverFactory.NamesMatch(p.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? p.Name, field.Name.Value));
                    if (member is PropertyInfo property)
                    {
                        Visit(field.Type, property.PropertyType, $"{where}, input field {named}.{field.Name.Value} ({element.Name}.{property.Name})");
                    }
                }
            }
        }

        foreach (var (type, _) in _resolverClasses)
        {
            if (TypeName(type) is not { } typeName || !sdl.Objects.TryGetValue(typeName, out var fields))
            {
                continue;
            }

            foreach (var method in FieldMethods(type))
            {
                var field = fields.FirstOrDefault(f => f.Name.Value == FieldName(method));
                if (field is null)
                {
                    continue;
                }

                var where = $"{typeName}.{field.Name.Value} ({type.Name}.{method.Name})";
                Visit(field.Type, ClrTypes.UnwrapAsync(method.ReturnType, out _), where);
                foreach (var parameter in method.GetParameters())
                {
                    var argumentName = parameter.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? parameter.Name;
                    if (field.Arguments.FirstOrDefault(a => a.Name.Value == argumentName) is { } argument)
                    {
                        Visit(argument.Type, parameter.ParameterType, $"{typeName}.{field.Name.Value}({argument.Name.Value}:) ({type.Name}.{method.Name} parameter {parameter.Name})");
                    }
                }
            }
        }

        foreach (var (typeName, clrType) in runtimeTypes)
        {
            if (!sdl.Objects.TryGetValue(typeName, out var fields))
            {
                continue;
            }

            foreach (var field in fields)
            {
                if (MemberResolverFactory.FindMember(clrType, field.Name.Value) is { } member)
                {
                    Visit(field.Type, MemberType(member), $"{typeName}.{field.Name.Value} ({clrType.Name}.{member.Name})");
                }
            }
        }
    }

    /// <summary>After the types are built: compiles resolver methods onto their fields and checks every binding.</summary>
    public void Bind(Types.Schema schema, IReadOnlyDictionary<string, Type> runtimeTypes, ICollection<(string Type, string Field)> stringResolvers, List<string> errors)
    {
        foreach (var (typeName, clrType) in runtimeTypes)
        {
            CheckRuntimeType(schema, typeName, clrType, errors);
        }

        foreach (var loader in _dataLoaders.Keys)
        {
            if (!IsDataLoader(loader) || loader.IsAbstract)
            {
                errors.Add($"Cannot register DataLoader \"{loader.Name}\": it is not a concrete class implementing IDataLoader<TKey, TValue>.");
            }
        }

        var factories = new Dictionary<Type, Expression>();
        foreach (var (type, givenInstance) in _resolverClasses)
        {
            var typeName = TypeName(type);
            if (typeName is null)
            {
                errors.Add($"Resolver class \"{type.Name}\" has no [ObjectType], [ExtendObjectType] or [QueryType] attribute naming its GraphQL type.");
                continue;
            }

            if (schema.GetType(typeName) is not ObjectType objectType)
            {
                errors.Add($"Resolver class \"{type.Name}\" is marked for \"{typeName}\", which is not an object type of the schema.");
                continue;
            }

            var instance = givenInstance;
            var seen = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
            foreach (var method in FieldMethods(type))
            {
                var fieldName = FieldName(method);
                var member = $"{type.Name}.{method.Name}";
                if (objectType.GetField(fieldName) is not { } field)
                {
                    errors.Add($"Resolver method \"{member}\" binds to field \"{typeName}.{fieldName}\", which the schema does not define.");
                    continue;
                }

                if (!seen.TryAdd(fieldName, method))
                {
                    errors.Add($"Field \"{typeName}.{fieldName}\" has two resolver methods: \"{type.Name}.{seen[fieldName].Name}\" and \"{member}\".");
                    continue;
                }

                if (stringResolvers.Contains((typeName, fieldName)))
                {
                    errors.Add($"Field \"{typeName}.{fieldName}\" has both a resolver method (\"{member}\") and a resolver added with AddResolver.");
                    continue;
                }

                if (!method.IsStatic && instance is null)
                {
                    if (type.GetConstructor(Type.EmptyTypes) is null)
                    {
                        errors.Add($"Resolver class \"{type.Name}\" has instance methods but no public parameterless constructor; pass an instance to AddResolvers.");
                        break;
                    }

                    instance = Activator.CreateInstance(type);
                }

                var resolver = Compile(schema, objectType, field, method, instance, runtimeTypes.GetValueOrDefault(typeName), factories, errors);
                if (resolver is not null)
                {
                    field.Resolver = resolver;
                }
            }

            if (!runtimeTypes.ContainsKey(typeName))
            {
                foreach (var field in objectType.Fields.Values.Where(f => f.Resolver is null && !seen.ContainsKey(f.Name)))
                {
                    errors.Add($"Field \"{typeName}.{field.Name}\" has no resolver: resolver class \"{type.Name}\" has no method for it and no runtime type is bound to \"{typeName}\".");
                }
            }
        }
    }

    private FieldResolver? Compile(Types.Schema schema, ObjectType objectType, FieldDefinition field, MethodInfo method, object? instance, Type? parentClrType, Dictionary<Type, Expression> factories, List<string> errors)
    {
        var member = $"{objectType.Name}.{field.Name} ({method.DeclaringType!.Name}.{method.Name})";
        var context = Expression.Parameter(typeof(IResolverContext), "context");
        var arguments = new List<Expression>();
        var ok = true;
        foreach (var parameter in method.GetParameters())
        {
            var argument = Parameter(schema, objectType, field, parameter, context, parentClrType, member, factories, errors);
            ok &= argument is not null;
            arguments.Add(argument ?? Expression.Default(parameter.ParameterType));
        }

        var returnType = ClrTypes.UnwrapAsync(method.ReturnType, out var isAsync);
        if (returnType == typeof(void) || method.ReturnType == typeof(Task) || method.ReturnType == typeof(ValueTask))
        {
            errors.Add($"{member}: the method returns no value; return T, Task<T> or ValueTask<T>.");
            return null;
        }

        var returnInfo = _nullability.Create(method.ReturnParameter);
        if (ClrTypes.CheckOutput(field.Type, returnType, isAsync ? ClrTypes.Element(returnInfo) : returnInfo) is { } mismatch)
        {
            errors.Add($"{member}: the return type does not fit the field: {mismatch}.");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var call = Expression.Call(method.IsStatic ? null : Expression.Constant(instance, method.DeclaringType!), method, arguments);
        var body = Wrap(call, field.Type);
        return Expression.Lambda<FieldResolver>(body, $"{objectType.Name}.{field.Name}", [context]).Compile();
    }

    private Expression? Parameter(Types.Schema schema, ObjectType objectType, FieldDefinition field, ParameterInfo parameter, ParameterExpression context, Type? parentClrType, string member, Dictionary<Type, Expression> factories, List<string> errors)
    {
        var type = parameter.ParameterType;
        var where = $"{member} parameter \"{parameter.Name}\"";
        if (type == typeof(CancellationToken))
        {
            return Expression.Property(context, CancellationTokenProperty);
        }

        if (type == typeof(IResolverContext))
        {
            return context;
        }

        if (parameter.GetCustomAttribute<ParentAttribute>() is not null)
        {
            if (parentClrType is not null && !type.IsAssignableFrom(parentClrType) && !parentClrType.IsAssignableFrom(type))
            {
                errors.Add($"{where}: [Parent] {ClrTypes.Display(type)} does not fit the runtime type {ClrTypes.Display(parentClrType)} bound to \"{objectType.Name}\".");
                return null;
            }

            return Expression.Call(ParentMethod.MakeGenericMethod(type), context);
        }

        var argumentName = parameter.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? parameter.Name!;
        if (parameter.GetCustomAttribute<ServiceAttribute>() is null && field.GetArgument(argumentName) is { } argument)
        {
            var convert = InputConverter.CreateTyped(argument.Type, type, _nullability.Create(parameter), $"{objectType.Name}.{field.Name}({argument.Name}:) ({parameter.Member.DeclaringType!.Name}.{parameter.Member.Name} parameter {parameter.Name})", errors);
            return convert is null
                ? null
                : Expression.Call(ArgumentMethod.MakeGenericMethod(type), context, Expression.Constant(argument.Name), Expression.Constant(convert));
        }

        if (IsDataLoader(type))
        {
            if (!_dataLoaders.TryGetValue(type, out var options))
            {
                errors.Add($"{where}: the DataLoader {type.Name} is not registered; add it with AddDataLoader<{type.Name}>().");
                return null;
            }

            if (!factories.TryGetValue(type, out var factory))
            {
                factory = LoaderFactory(type, options, errors);
                if (factory is null)
                {
                    return null;
                }

                factories[type] = factory;
            }

            return Expression.Call(DataLoaderMethod.MakeGenericMethod(type), context, factory);
        }

        if (parameter.GetCustomAttribute<ServiceAttribute>() is null && (type.IsValueType || type == typeof(string) || ClrTypes.ElementType(type) is not null))
        {
            var names = field.Arguments.Count == 0 ? "it has none" : "its arguments are " + string.Join(", ", field.Arguments.Select(a => a.Name));
            errors.Add($"{where}: names no argument of \"{objectType.Name}.{field.Name}\" ({names}).");
            return null;
        }

        if (type.IsValueType)
        {
            errors.Add($"{where}: a service must be a reference type, not {ClrTypes.Display(type)}.");
            return null;
        }

        var optional = parameter.HasDefaultValue || _nullability.Create(parameter).ReadState == NullabilityState.Nullable;
        return Expression.Call(ServiceMethod.MakeGenericMethod(type), context, Expression.Constant(optional));
    }

    private ConstantExpression? LoaderFactory(Type loader, DataLoaderOptions? options, List<string> errors)
    {
        var constructor = loader.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
        {
            errors.Add($"DataLoader \"{loader.Name}\" has no public constructor.");
            return null;
        }

        var services = Expression.Parameter(typeof(IServiceProvider), "services");
        var scheduler = Expression.Parameter(typeof(IBatchScheduler), "scheduler");
        var arguments = new List<Expression>();
        foreach (var parameter in constructor.GetParameters())
        {
            var type = parameter.ParameterType;
            if (type == typeof(IBatchScheduler))
            {
                arguments.Add(scheduler);
            }
            else if (type == typeof(DataLoaderOptions))
            {
                arguments.Add(Expression.Constant(options, typeof(DataLoaderOptions)));
            }
            else if (type.IsValueType)
            {
                errors.Add($"DataLoader \"{loader.Name}\" constructor parameter \"{parameter.Name}\": a service must be a reference type, not {ClrTypes.Display(type)}.");
                return null;
            }
            else
            {
                var optional = parameter.HasDefaultValue || _nullability.Create(parameter).ReadState == NullabilityState.Nullable;
                arguments.Add(Expression.Call(LoaderServiceMethod.MakeGenericMethod(type), services, Expression.Constant(optional)));
            }
        }

        var delegateType = typeof(Func<,,>).MakeGenericType(typeof(IServiceProvider), typeof(IBatchScheduler), loader);
        var create = Expression.Lambda(delegateType, Expression.New(constructor, arguments), services, scheduler).Compile();
        return Expression.Constant(create, delegateType);
    }

    private void CheckRuntimeType(Types.Schema schema, string typeName, Type clrType, List<string> errors)
    {
        if (schema.GetType(typeName) is not ObjectType objectType || ClrTypes.IsDictionary(clrType))
        {
            return;
        }

        foreach (var field in objectType.Fields.Values)
        {
            if (MemberResolverFactory.FindMember(clrType, field.Name) is not { } member)
            {
                continue;
            }

            var info = member switch
            {
                PropertyInfo property => _nullability.Create(property),
                MethodInfo method => _nullability.Create(method.ReturnParameter),
                _ => null,
            };
            var memberType = ClrTypes.UnwrapAsync(MemberType(member), out var isAsync);
            if (ClrTypes.CheckOutput(field.Type, memberType, isAsync ? ClrTypes.Element(info) : info) is { } mismatch)
            {
                errors.Add($"{typeName}.{field.Name} ({clrType.Name}.{member.Name}): the member does not fit the field: {mismatch}.");
            }
        }
    }

    private static MethodCallExpression Wrap(Expression call, GraphQLType fieldType)
    {
        var type = call.Type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return Expression.Call(AwaitTaskMethod.MakeGenericMethod(type.GetGenericArguments()[0]), call);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return Expression.Call(AwaitValueTaskMethod.MakeGenericMethod(type.GetGenericArguments()[0]), call);
        }

        if (fieldType.NullableType() is ScalarType { Name: "Int" })
        {
            if (type == typeof(long))
            {
                return Expression.Call(FromInt64Method, call);
            }

            if (type == typeof(long?))
            {
                return Expression.Call(FromNullableInt64Method, call);
            }
        }

        return ResolverRuntime.NonAllocatingWrapper(type) is { } wrapper
            ? Expression.Call(wrapper, call)
            : Expression.Call(FromValueMethod.MakeGenericMethod(type), call);
    }

    private static void BindEnum(string enumName, IReadOnlyList<string> values, Type clrEnum, string where, Dictionary<string, Type> enumBindings, List<string> errors)
    {
        if (enumBindings.TryGetValue(enumName, out var bound))
        {
            if (bound != clrEnum)
            {
                errors.Add($"{where}: the GraphQL enum \"{enumName}\" is already bound to the C# enum {bound.Name}, not {clrEnum.Name}.");
            }

            return;
        }

        var members = Enum.GetNames(clrEnum);
        var ok = true;
        foreach (var value in values.Where(v => !members.Any(m => MemberResolverFactory.NamesMatch(m, v))))
        {
            errors.Add($"{where}: the GraphQL enum value {enumName}.{value} has no member in the C# enum {clrEnum.Name}.");
            ok = false;
        }

        foreach (var name in members.Where(m => !values.Any(v => MemberResolverFactory.NamesMatch(m, v))))
        {
            errors.Add($"{where}: the C# enum member {clrEnum.Name}.{name} has no value in the GraphQL enum \"{enumName}\".");
            ok = false;
        }

        if (ok)
        {
            enumBindings[enumName] = clrEnum;
        }
    }

    private static Type LeafType(Type type)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (ClrTypes.ElementType(type) is not { } element || element == typeof(object))
            {
                break;
            }

            type = element;
        }

        return type;
    }

    private static bool IsDataLoader(Type type) =>
        type.IsClass && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDataLoader<,>));

    private static Type MemberType(MemberInfo member) => member switch
    {
        PropertyInfo property => property.PropertyType,
        MethodInfo method => method.ReturnType,
        _ => typeof(object),
    };

    private static string Named(TypeNode node) => node switch
    {
        NonNullTypeNode nonNull => Named(nonNull.Type),
        ListTypeNode list => Named(list.Type),
        NamedTypeNode named => named.Name.Value,
        _ => string.Empty,
    };

    private static MethodInfo Method(string name) => typeof(ResolverRuntime).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>The SDL's object, input and enum definitions (extensions included), by name.</summary>
    private sealed class SdlIndex
    {
        public SdlIndex(DocumentNode document)
        {
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case ObjectTypeDefinitionNode obj: Add(Objects, obj.Name.Value, obj.Fields); break;
                    case ObjectTypeExtensionNode obj: Add(Objects, obj.Name.Value, obj.Fields); break;
                    case InputObjectTypeDefinitionNode input: Add(Inputs, input.Name.Value, input.Fields); break;
                    case InputObjectTypeExtensionNode input: Add(Inputs, input.Name.Value, input.Fields); break;
                    case EnumTypeDefinitionNode enumNode: Add(Enums, enumNode.Name.Value, enumNode.Values.Select(v => v.Name.Value)); break;
                    case EnumTypeExtensionNode enumNode: Add(Enums, enumNode.Name.Value, enumNode.Values.Select(v => v.Name.Value)); break;
                }
            }
        }

        public Dictionary<string, List<FieldDefinitionNode>> Objects { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<InputValueDefinitionNode>> Inputs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> Enums { get; } = new(StringComparer.Ordinal);

        private static void Add<T>(Dictionary<string, List<T>> map, string name, IEnumerable<T> items)
        {
            if (!map.TryGetValue(name, out var list))
            {
                map[name] = list = [];
            }

            list.AddRange(items);
        }
    }
}
