using System.Reflection;
using System.Runtime.CompilerServices;
using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.Resolvers;

/// <summary>The small methods compiled resolvers call: argument, service and DataLoader lookups and result wrapping.</summary>
internal static class ResolverRuntime
{
    public static T Argument<T>(IResolverContext context, string name, Func<object?, T> convert) =>
        context.Arguments.TryGetValue(name, out var value) ? convert(value) : default!;

    public static T Parent<T>(IResolverContext context) => context.Parent is T parent
        ? parent
        : throw new InvalidOperationException(
            $"The parent of {context.ParentType.Name}.{context.Field.Name} is {(context.Parent is null ? "null" : context.Parent.GetType().Name)}, not {typeof(T).Name}.");

    public static T? Service<T>(IResolverContext context, bool optional)
        where T : class
    {
        var service = context.Services?.GetService(typeof(T)) as T;
        return service is not null || optional
            ? service
            : throw new InvalidOperationException($"{context.ParentType.Name}.{context.Field.Name} needs the service {typeof(T).Name}, which the request's services do not provide.");
    }

    public static TLoader DataLoader<TLoader>(IResolverContext context, Func<IServiceProvider?, IBatchScheduler, TLoader> create)
        where TLoader : class =>
        context.DataLoaders is DataLoaderScope scope
            ? scope.GetOrCreate(context.Services, create)
            : DataLoaderOfOtherScope(context, create);

    // Apart so that the executor's path above does not allocate this lambda's closure.
    private static TLoader DataLoaderOfOtherScope<TLoader>(IResolverContext context, Func<IServiceProvider?, IBatchScheduler, TLoader> create)
        where TLoader : class =>
        context.DataLoaders.GetOrCreate(scheduler => create(context.Services, scheduler));

    public static T? LoaderService<T>(IServiceProvider? services, bool optional)
        where T : class
    {
        var service = services?.GetService(typeof(T)) as T;
        return service is not null || optional
            ? service
            : throw new InvalidOperationException($"A DataLoader needs the service {typeof(T).Name}, which the request's services do not provide.");
    }

    public static ValueTask<object?> FromValue<T>(T value) => new(value);

    public static ValueTask<object?> FromInt32(int value) => new(Boxes.Int32(value));

    public static ValueTask<object?> FromNullableInt32(int? value) => new(value is { } v ? Boxes.Int32(v) : null);

    public static ValueTask<object?> FromBoolean(bool value) => new(value ? BoxedTrue : BoxedFalse);

    public static ValueTask<object?> FromNullableBoolean(bool? value) => new(value is { } v ? (v ? BoxedTrue : BoxedFalse) : null);

    public static ValueTask<object?> FromEnum<T>(T value)
        where T : struct, Enum => new(EnumBoxes<T>.Box(value));

    public static ValueTask<object?> FromNullableEnum<T>(T? value)
        where T : struct, Enum => new(value is { } v ? EnumBoxes<T>.Box(v) : null);

    /// <summary>
    /// The method that wraps a synchronous value of <paramref name="type"/> without allocating (cached boxes for booleans, enums
    /// and small integers), or null when <see cref="FromValue{T}"/> is the way.
    /// </summary>
    public static MethodInfo? NonAllocatingWrapper(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        if (type == typeof(bool))
        {
            return typeof(ResolverRuntime).GetMethod(nameof(FromBoolean), flags);
        }

        if (type == typeof(bool?))
        {
            return typeof(ResolverRuntime).GetMethod(nameof(FromNullableBoolean), flags);
        }

        if (type == typeof(int))
        {
            return typeof(ResolverRuntime).GetMethod(nameof(FromInt32), flags);
        }

        if (type == typeof(int?))
        {
            return typeof(ResolverRuntime).GetMethod(nameof(FromNullableInt32), flags);
        }

        if (type.IsEnum)
        {
            return typeof(ResolverRuntime).GetMethod(nameof(FromEnum), flags)!.MakeGenericMethod(type);
        }

        return Nullable.GetUnderlyingType(type) is { IsEnum: true } underlying
            ? typeof(ResolverRuntime).GetMethod(nameof(FromNullableEnum), flags)!.MakeGenericMethod(underlying)
            : null;
    }

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>One box per value of an int-based enum whose values are 0…n-1, so serving an enum field allocates nothing.</summary>
    private static class EnumBoxes<T>
        where T : struct, Enum
    {
        private static readonly object[]? Dense = CreateDense();

        public static object Box(T value)
        {
            if (Dense is not null)
            {
                var index = Unsafe.As<T, int>(ref value);
                if ((uint)index < (uint)Dense.Length)
                {
                    return Dense[index];
                }
            }

            return value;
        }

        private static object[]? CreateDense()
        {
            if (Enum.GetUnderlyingType(typeof(T)) != typeof(int))
            {
                return null;
            }

            var values = Enum.GetValues<T>();
            var boxes = new object[values.Length];
            foreach (var value in values)
            {
                var copy = value;
                var index = Unsafe.As<T, int>(ref copy);
                if ((uint)index >= (uint)boxes.Length)
                {
                    return null;
                }

                boxes[index] = value;
            }

            return boxes;
        }
    }

    public static ValueTask<object?> FromInt64(long value) => new(ToInt(value));

    public static ValueTask<object?> FromNullableInt64(long? value) => new(value is { } v ? ToInt(v) : null);

    public static ValueTask<object?> AwaitTask<T>(Task<T> task) => AwaitValueTask(new ValueTask<T>(task));

    public static ValueTask<object?> AwaitValueTask<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result)
        : task.IsFaulted && task.AsTask().Exception?.InnerException is { } failure ? ValueTask.FromException<object?>(failure) // read without a rethrow
        : TaskResultSource<T>.Wrap(task);

    /// <summary>A <c>long</c> as a GraphQL Int: out of the 32-bit range is a field error, as the Int scalar requires.</summary>
    public static object ToInt(long value) => value is >= int.MinValue and <= int.MaxValue
        ? Boxes.Int32((int)value)
        : throw new Types.ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {value}");
}
