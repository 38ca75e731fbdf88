using System.Collections;
using System.Reflection;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Resolvers;

/// <summary>Reads CLR types the way the typed API binds them: tasks, nullables, lists, and their GraphQL compatibility.</summary>
internal static class ClrTypes
{
    /// <summary>The result type of <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>; the type itself otherwise.</summary>
    public static Type UnwrapAsync(Type type, out bool isAsync)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            isAsync = true;
            return type.GetGenericArguments()[0];
        }

        isAsync = false;
        return type;
    }

    /// <summary>The element type of a list type (arrays and <see cref="IEnumerable{T}"/>; never strings or dictionaries), or null.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string) || IsDictionary(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }

        var enumerable = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }

    public static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type)
        || type.GetInterfaces().Append(type).Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>)));

    /// <summary>A readable C# name (<c>Task&lt;Run?&gt;</c>, <c>IReadOnlyList&lt;string&gt;</c>).</summary>
    public static string Display(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Display(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Display(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return Keyword(type) ?? type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Display)) + ">";
    }

    private static string? Keyword(Type type) => type.IsEnum ? null : Type.GetTypeCode(type) switch
    {
        TypeCode.Int32 => "int",
        TypeCode.Int64 => "long",
        TypeCode.String => "string",
        TypeCode.Boolean => "bool",
        TypeCode.Double => "double",
        _ => type == typeof(object) ? "object" : null,
    };

    /// <summary>The nullability of a generic argument or array element, when known.</summary>
    public static NullabilityInfo? Element(NullabilityInfo? info) =>
        info is null ? null : info.ElementType ?? (info.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);

    /// <summary>True when the CLR side may hold null: a <see cref="Nullable{T}"/>, or a reference annotated <c>?</c>.</summary>
    public static bool MayBeNull(Type type, NullabilityInfo? info) =>
        Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && info?.ReadState == NullabilityState.Nullable);

    /// <summary>Why a CLR value of <paramref name="clr"/> cannot be the value of an output of <paramref name="graphQLType"/>; null when it can.</summary>
    public static string? CheckOutput(GraphQLType graphQLType, Type clr, NullabilityInfo? info)
    {
        if (clr == typeof(object))
        {
            return null;
        }

        if (graphQLType is NonNullType nonNull)
        {
            if (MayBeNull(clr, info))
            {
                return $"{Display(clr)}{(clr.IsValueType ? string.Empty : "?")} can be null, but {graphQLType} is non-null";
            }

            graphQLType = nonNull.OfType;
        }

        var type = Nullable.GetUnderlyingType(clr) ?? clr;
        if (graphQLType is ListType list)
        {
            var element = ElementType(type);
            return element is null
                ? $"{Display(clr)} is not a list, but {graphQLType} is"
                : CheckOutput(list.OfType, element, Element(info));
        }

        return IsCompatibleLeafOrObject((NamedType)graphQLType, type) ? null : $"{Display(clr)} cannot represent {graphQLType}";
    }

    /// <summary>True when <paramref name="type"/> can stand for the named type (inputs and outputs alike).</summary>
    public static bool IsCompatibleLeafOrObject(NamedType named, Type type)
    {
        if (type == typeof(object))
        {
            return true;
        }

        return named switch
        {
            EnumType => type.IsEnum || type == typeof(string),
            ScalarType scalar => scalar.Name switch
            {
                "Int" => type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint),
                "Float" => type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(int) || type == typeof(long),
                "String" => type == typeof(string),
                "Boolean" => type == typeof(bool),
                "ID" => type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(Guid),
                "DateTime" => type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(string),
                "Long" => type == typeof(long) || type == typeof(int),
                _ => true,
            },
            _ => !IsLeafClrType(type) && ElementType(type) is null,
        };
    }

    private static bool IsLeafClrType(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTimeOffset)
        || type == typeof(DateTime) || type == typeof(Guid);
}
