using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.Types;

/// <summary>
/// Creates default field resolvers that read a CLR member (property or parameterless method) or a dictionary key.
/// Members are found once with reflection and then read through compiled delegates.
/// </summary>
internal static class MemberResolverFactory
{
    private static readonly MethodInfo FromValueMethod = typeof(MemberResolverFactory).GetMethod(nameof(FromValue), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitTaskMethod = typeof(Resolvers.ResolverRuntime).GetMethod(nameof(Resolvers.ResolverRuntime.AwaitTask))!;
    private static readonly MethodInfo AwaitValueTaskMethod = typeof(Resolvers.ResolverRuntime).GetMethod(nameof(Resolvers.ResolverRuntime.AwaitValueTask))!;
    private static readonly PropertyInfo CancellationTokenProperty = typeof(IResolverContext).GetProperty(nameof(IResolverContext.CancellationToken))!;

    private static readonly ConcurrentDictionary<Type, Func<Task, object?>> TaskResultReaders = new();

    /// <summary>Turns a resolver's return value into a <see cref="ValueTask{TResult}"/>, awaiting tasks it returned.</summary>
    public static ValueTask<object?> Unwrap(object? value) => value switch
    {
        Task task => AwaitUntyped(task),
        _ => new ValueTask<object?>(value),
    };

    private static async ValueTask<object?> AwaitUntyped(Task task)
    {
        await task.ConfigureAwait(false);
        var type = task.GetType();
        var reader = TaskResultReaders.GetOrAdd(type, static t =>
        {
            var property = t.GetProperty(nameof(Task<object>.Result));
            if (property is null || t == typeof(Task))
            {
                return static _ => null;
            }

            var parameter = Expression.Parameter(typeof(Task), "task");
            var body = Expression.Convert(Expression.Property(Expression.Convert(parameter, t), property), typeof(object));
            return Expression.Lambda<Func<Task, object?>>(body, parameter).Compile();
        });
        return reader(task);
    }

    /// <summary>A resolver reading the member for <paramref name="fieldName"/> of <paramref name="clrType"/>, or null when none fits.</summary>
    public static FieldResolver? TryCreate(Type clrType, string fieldName, GraphQLType? fieldType = null) =>
        TryCreate(clrType, fieldName, fieldType, out _);

    /// <summary>
    /// A resolver reading the member for <paramref name="fieldName"/> of <paramref name="clrType"/>, or null when none fits; for a
    /// field of a scalar or enum type read by a synchronous member that needs nothing but its parent, <paramref name="reader"/> is the
    /// same read as a function of the parent.
    /// </summary>
    public static FieldResolver? TryCreate(Type clrType, string fieldName, GraphQLType? fieldType, out Func<object, object?>? reader)
    {
        reader = null;
        if (typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(clrType))
        {
            return context => new ValueTask<object?>(
                context.Parent is IReadOnlyDictionary<string, object?> map && map.TryGetValue(fieldName, out var value) ? value : null);
        }

        var member = FindMember(clrType, fieldName);
        if (member is null)
        {
            return null;
        }

        var parent = Expression.Parameter(typeof(object), "parent");
        var context = Expression.Parameter(typeof(IResolverContext), "context");
        var typed = Expression.Convert(parent, clrType);
        Expression access;
        if (member is PropertyInfo property)
        {
            access = Expression.Property(typed, property);
        }
        else
        {
            var method = (MethodInfo)member;
            var arguments = method.GetParameters()
                .Select(p => p.ParameterType == typeof(CancellationToken)
                    ? (Expression)Expression.Property(context, CancellationTokenProperty)
                    : context)
                .ToArray();
            access = Expression.Call(typed, method, arguments);
        }

        var body = fieldType?.NullableType() is ScalarType { Name: "Int" } && (access.Type == typeof(long) || access.Type == typeof(long?))
            ? Expression.Call(typeof(Resolvers.ResolverRuntime).GetMethod(access.Type == typeof(long) ? nameof(Resolvers.ResolverRuntime.FromInt64) : nameof(Resolvers.ResolverRuntime.FromNullableInt64))!, access)
            : Resolvers.ResolverRuntime.NonAllocatingWrapper(access.Type) is { } wrapper
                ? Expression.Call(wrapper, access)
                : WrapResult(access);
        var guarded = Expression.Condition(
            Expression.TypeIs(parent, clrType),
            body,
            Expression.Constant(new ValueTask<object?>((object?)null)));
        var compiled = Expression.Lambda<Func<object, IResolverContext, ValueTask<object?>>>(guarded, parent, context).Compile();
        var needsOnlyParent = member is PropertyInfo || ((MethodInfo)member).GetParameters().Length == 0;
        if (needsOnlyParent && !IsAwaitable(access.Type) && fieldType?.NullableType() is ScalarType or EnumType)
        {
            // The wrappers above complete synchronously, so the value is the ValueTask's result; the context is never read.
            reader = p => Completed(compiled(p, null!));
        }

        return ctx => ctx.Parent is { } p ? compiled(p, ctx) : new ValueTask<object?>((object?)null);
    }

    /// <summary>The PascalCase form of a field name (<c>durationMs</c> → <c>DurationMs</c>).</summary>
    public static string ToPascalCase(string name)
    {
        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return name;
        }

        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>True when a CLR member name matches a GraphQL name, ignoring case and underscores.</summary>
    public static bool NamesMatch(string clrName, string graphQLName)
        => string.Equals(clrName.Replace("_", string.Empty, StringComparison.Ordinal), graphQLName.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    /// <summary>The property or parameterless method of <paramref name="clrType"/> that a field named <paramref name="fieldName"/> reads, or null.</summary>
    internal static MemberInfo? FindMember(Type clrType, string fieldName)
    {
        var pascal = ToPascalCase(fieldName);
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.FlattenHierarchy;
        var properties = clrType.GetProperties(flags).Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<Resolvers.GraphQLIgnoreAttribute>() is null).ToList();
        var exact = properties.FirstOrDefault(p => p.Name == pascal || p.Name == fieldName)
            ?? properties.FirstOrDefault(p => NamesMatch(p.Name, fieldName));
        if (exact is not null)
        {
            return exact;
        }

        var methods = clrType.GetMethods(flags)
            .Where(m => !m.IsGenericMethodDefinition && !m.IsSpecialName && m.ReturnType != typeof(void) && m.DeclaringType != typeof(object)
                && m.GetParameters().All(p => p.ParameterType == typeof(IResolverContext) || p.ParameterType == typeof(CancellationToken)))
            .ToList();
        return methods.FirstOrDefault(m => m.Name == pascal || m.Name == pascal + "Async")
            ?? methods.FirstOrDefault(m => NamesMatch(m.Name, fieldName) || NamesMatch(m.Name, fieldName + "Async"));
    }

    private static object? Completed(ValueTask<object?> value) =>
        value.IsCompleted ? value.Result : throw new InvalidOperationException("A synchronous member read did not complete synchronously.");

    private static bool IsAwaitable(Type type) =>
        typeof(Task).IsAssignableFrom(type) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)) || type == typeof(ValueTask);

    private static MethodCallExpression WrapResult(Expression access)
    {
        var type = access.Type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return Expression.Call(AwaitTaskMethod.MakeGenericMethod(type.GetGenericArguments()[0]), access);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return Expression.Call(AwaitValueTaskMethod.MakeGenericMethod(type.GetGenericArguments()[0]), access);
        }

        return Expression.Call(FromValueMethod.MakeGenericMethod(type), access);
    }

    private static ValueTask<object?> FromValue<T>(T value) => new(value);
}
