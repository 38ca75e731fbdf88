using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Resolvers;

/// <summary>
/// Builds, once per argument at <see cref="SchemaBuilder.Build"/>, the converter from the engine's coerced input value
/// (int, double, string, bool, enum runtime values, <c>List&lt;object?&gt;</c>, <c>IReadOnlyDictionary&lt;string, object?&gt;</c>)
/// to a parameter's CLR type: scalars, C# enums, records and classes for input objects, arrays and lists, with nullability.
/// </summary>
internal static class InputConverter
{
    private static readonly MethodInfo TypedMethod = typeof(InputConverter).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo UnboxMethod = typeof(InputConverter).GetMethod(nameof(Unbox), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ToListMethod = typeof(InputConverter).GetMethod(nameof(ToList), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ToArrayMethod = typeof(InputConverter).GetMethod(nameof(ToArray), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FieldMethod = typeof(InputConverter).GetMethod(nameof(Field), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A <c>Func&lt;object?, T&gt;</c> for <paramref name="clr"/>, or null after adding the reason to <paramref name="errors"/>.</summary>
    public static Delegate? CreateTyped(GraphQLType graphQLType, Type clr, NullabilityInfo? info, string where, List<string> errors)
    {
        var type = Nullable.GetUnderlyingType(clr) ?? clr;
        var named = graphQLType.NamedType();
        if (graphQLType.NullableType() is not ListType && named is ScalarType or EnumType && IsRuntimeShape(named, type))
        {
            // The coerced value already has the parameter's type: a cast, no converter call.
            if (!CheckNullability(graphQLType, clr, info, where, errors))
            {
                return null;
            }

            return (Delegate)UnboxMethod.MakeGenericMethod(clr).Invoke(null, null)!;
        }

        var untyped = Create(graphQLType, clr, info, where, errors);
        return untyped is null ? null : (Delegate)TypedMethod.MakeGenericMethod(clr).Invoke(null, [untyped])!;
    }

    /// <summary>A converter to a boxed <paramref name="clr"/>, or null after adding the reason to <paramref name="errors"/>.</summary>
    public static Func<object?, object?>? Create(GraphQLType graphQLType, Type clr, NullabilityInfo? info, string where, List<string> errors) =>
        Create(graphQLType, clr, info, where, errors, []);

    private static Func<object?, object?>? Create(GraphQLType graphQLType, Type clr, NullabilityInfo? info, string where, List<string> errors, Dictionary<(string, Type), Slot> slots)
    {
        if (!CheckNullability(graphQLType, clr, info, where, errors))
        {
            return null;
        }

        var inner = graphQLType.NullableType();
        var type = Nullable.GetUnderlyingType(clr) ?? clr;
        if (type == typeof(object))
        {
            return static value => value;
        }

        if (inner is ListType list)
        {
            var element = ClrTypes.ElementType(type);
            if (element is null)
            {
                errors.Add($"{where}: {ClrTypes.Display(clr)} is not a list, but the GraphQL type is {graphQLType}.");
                return null;
            }

            var convert = Create(list.OfType, element, ClrTypes.Element(info), where, errors, slots);
            if (convert is null)
            {
                return null;
            }

            if (type.IsArray)
            {
                return (Func<object?, object?>)ToArrayMethod.MakeGenericMethod(element).Invoke(null, [convert])!;
            }

            var listType = typeof(List<>).MakeGenericType(element);
            if (!type.IsAssignableFrom(listType))
            {
                errors.Add($"{where}: a list argument binds to an array or a type a List<T> is assignable to (IReadOnlyList<T>, IEnumerable<T>, …), not {ClrTypes.Display(clr)}.");
                return null;
            }

            return (Func<object?, object?>)ToListMethod.MakeGenericMethod(element).Invoke(null, [convert])!;
        }

        switch (inner)
        {
            case EnumType enumType:
                if (type == typeof(string))
                {
                    return value => value is null ? null : enumType.Serialize(value);
                }

                if (type.IsEnum)
                {
                    return static value => value;
                }

                break;

            case ScalarType scalar when ClrTypes.IsCompatibleLeafOrObject(scalar, type):
                return ScalarConverter(scalar, type);

            case InputObjectType input when ClrTypes.IsDictionary(type):
                return static value => value;

            case InputObjectType input:
                return ObjectConverter(input, type, where, errors, slots);
        }

        errors.Add($"{where}: {ClrTypes.Display(clr)} cannot represent the GraphQL type {graphQLType}.");
        return null;
    }

    private static bool IsRuntimeShape(NamedType named, Type type) => named switch
    {
        EnumType => type.IsEnum,
        ScalarType { Name: "Int" } => type == typeof(int),
        ScalarType { Name: "Float" } => type == typeof(double),
        ScalarType { Name: "String" or "ID" } => type == typeof(string),
        ScalarType { Name: "Boolean" } => type == typeof(bool),
        ScalarType { Name: "DateTime" } => type == typeof(DateTimeOffset),
        ScalarType { Name: "Long" } => type == typeof(long),
        _ => false,
    };

    private static bool CheckNullability(GraphQLType graphQLType, Type clr, NullabilityInfo? info, string where, List<string> errors)
    {
        if (graphQLType is NonNullType || clr == typeof(object) || ClrTypes.MayBeNull(clr, info))
        {
            return true;
        }

        // Oblivious reference types (no nullable context) are accepted.
        if (!clr.IsValueType && info?.ReadState != NullabilityState.NotNull)
        {
            return true;
        }

        errors.Add($"{where}: {graphQLType} can be null, but {ClrTypes.Display(clr)} cannot; use {ClrTypes.Display(clr)}?.");
        return false;
    }

    private static Func<object?, object?> ScalarConverter(ScalarType scalar, Type type)
    {
        if (type == typeof(DateTime))
        {
            return static value => value is DateTimeOffset offset ? offset.UtcDateTime : value;
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return value => value is null || value.GetType() == type ? value : Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }

        if (type == typeof(Guid))
        {
            return static value => value is string text ? Guid.Parse(text, CultureInfo.InvariantCulture) : value;
        }

        if (type == typeof(string) && scalar.Name == "ID")
        {
            return static value => value is null or string ? value : Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        return static value => value;
    }

    private static Func<object?, object?>? ObjectConverter(InputObjectType input, Type type, string where, List<string> errors, Dictionary<(string, Type), Slot> slots)
    {
        // Input objects may refer to themselves (a filter's `and: [TestFilterInput!]`): the inner use reads the converter
        // through a slot that is filled once the outer one is built.
        if (slots.TryGetValue((input.Name, type), out var pending))
        {
            return pending.Convert;
        }

        var slot = slots[(input.Name, type)] = new Slot();
        var built = BuildObjectConverter(input, type, where, errors, slots);
        slot.Target = built;
        return built;
    }

    private static Func<object?, object?>? BuildObjectConverter(InputObjectType input, Type type, string where, List<string> errors, Dictionary<(string, Type), Slot> slots)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.IsAbstract || type.IsInterface)
        {
            errors.Add($"{where}: {ClrTypes.Display(type)} cannot represent the input object {input.Name}; use a record or class with its fields.");
            return null;
        }

        var nullability = new NullabilityInfoContext();
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null && !type.IsValueType)
        {
            errors.Add($"{where}: {ClrTypes.Display(type)} has no public constructor to create the input object {input.Name} with.");
            return null;
        }

        var dictionary = Expression.Parameter(typeof(IReadOnlyDictionary<string, object?>), "fields");
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;

        Expression? FieldValue(string clrName, Type clrType, NullabilityInfo info, object? absent, GraphQLNameAttribute? rename)
        {
            var field = rename is not null
                ? input.Fields.GetValueOrDefault(rename.Name)
                : input.Fields.Values.FirstOrDefault(f => MemberResolverFactory.NamesMatch(clrName, f.Name));
            if (field is null)
            {
                return null;
            }

            used.Add(field.Name);
            var convert = Create(field.Type, clrType, info, $"{where}, input field {input.Name}.{field.Name} ({ClrTypes.Display(type)}.{clrName})", errors, slots);
            if (convert is null)
            {
                ok = false;
                return Expression.Default(clrType);
            }

            var call = Expression.Call(FieldMethod, dictionary, Expression.Constant(field.Name), Expression.Constant(convert), Expression.Constant(absent, typeof(object)));
            return Expression.Convert(call, clrType);
        }

        var arguments = new List<Expression>();
        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            var absent = parameter.HasDefaultValue ? parameter.DefaultValue : null;
            var value = FieldValue(parameter.Name!, parameter.ParameterType, nullability.Create(parameter), absent, parameter.GetCustomAttribute<GraphQLNameAttribute>());
            if (value is null)
            {
                if (!parameter.HasDefaultValue)
                {
                    errors.Add($"{where}: constructor parameter \"{parameter.Name}\" of {ClrTypes.Display(type)} names no field of input object {input.Name}.");
                    ok = false;
                }

                value = Expression.Constant(parameter.DefaultValue, parameter.ParameterType);
            }

            arguments.Add(value);
        }

        var bindings = new List<MemberBinding>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || arguments.Count > 0 && constructor!.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var value = FieldValue(property.Name, property.PropertyType, nullability.Create(property), null, property.GetCustomAttribute<GraphQLNameAttribute>());
            if (value is not null)
            {
                bindings.Add(Expression.Bind(property, value));
            }
        }

        foreach (var field in input.Fields.Values.Where(f => !used.Contains(f.Name)))
        {
            errors.Add($"{where}: input field {input.Name}.{field.Name} has no constructor parameter or settable property in {ClrTypes.Display(type)}.");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        Expression create = constructor is null ? Expression.New(type) : Expression.New(constructor, arguments);
        var body = Expression.Convert(bindings.Count == 0 ? create : Expression.MemberInit((NewExpression)create, bindings), typeof(object));
        var build = Expression.Lambda<Func<IReadOnlyDictionary<string, object?>, object?>>(body, dictionary).Compile();
        return value => value is IReadOnlyDictionary<string, object?> fields ? build(fields) : null;
    }

    /// <summary>A converter of a recursive input object, filled after it is built.</summary>
    private sealed class Slot
    {
        public Func<object?, object?>? Target { get; set; }

        public object? Convert(object? value) => Target!(value);
    }

    private static object? Field(IReadOnlyDictionary<string, object?> fields, string name, Func<object?, object?> convert, object? absent) =>
        fields.TryGetValue(name, out var value) ? convert(value) : absent;

    private static Func<object?, T> Typed<T>(Func<object?, object?> convert) => value => (T)convert(value)!;

    private static Func<object?, T> Unbox<T>() => static value => (T)value!;

    private static Func<object?, object?> ToList<T>(Func<object?, object?> convert) => value =>
    {
        if (value is not IReadOnlyList<object?> items)
        {
            return null;
        }

        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            result.Add((T)convert(item)!);
        }

        return result;
    };

    private static Func<object?, object?> ToArray<T>(Func<object?, object?> convert) => value =>
    {
        if (value is not IReadOnlyList<object?> items)
        {
            return null;
        }

        var result = new T[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (T)convert(items[i])!;
        }

        return result;
    };
}
