using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Conformance;

/// <summary>
/// The corpus's "Fixture resolution" (README section 3): a default field resolver that reads the fixture JSON, selects
/// by arguments through <c>$args</c>, raises <c>$error</c>s, and a type resolver that reads <c>__typename</c>.
/// </summary>
public static class FixtureResolver
{
    /// <summary>Builds the suite's schema with the fixture resolvers bound.</summary>
    public static Schema BuildSchema(string sdl)
    {
        var builder = SchemaBuilder.FromSdl(sdl).UseDefaultResolver(Resolve);
        foreach (var definition in Parser.Parse(sdl, ParserOptions.Trusted).Definitions)
        {
            switch (definition)
            {
                case InterfaceTypeDefinitionNode or UnionTypeDefinitionNode:
                    builder.AddTypeResolver(((TypeDefinitionNode)definition).Name.Value, ResolveType);
                    break;
            }
        }

        return builder.Build();
    }

    /// <summary>Steps 1 to 4 of the fixture resolution.</summary>
    public static ValueTask<object?> Resolve(IResolverContext context)
    {
        // Step 1: the parent's property named like the field (not the alias).
        var value = context.Parent is IReadOnlyDictionary<string, object?> parent && parent.TryGetValue(context.Field.Name, out var property)
            ? property
            : null;
        return new ValueTask<object?>(Select(value, context));
    }

    private static object? Select(object? value, IResolverContext context)
    {
        if (value is IReadOnlyDictionary<string, object?> map)
        {
            // Step 2: selection by the coerced argument map.
            if (map.TryGetValue("$args", out var entries))
            {
                object? chosen = map.TryGetValue("$default", out var fallback) ? fallback : null;
                foreach (var entry in (IReadOnlyList<object?>)entries!)
                {
                    var candidate = (IReadOnlyDictionary<string, object?>)entry!;
                    if (JsonValueEquality.AreEqual(candidate["args"], context.Arguments))
                    {
                        chosen = candidate.TryGetValue("value", out var selected) ? selected : null;
                        break;
                    }
                }

                return Select(chosen, context);
            }

            // Step 3: an error raised by the field.
            if (map.TryGetValue("$error", out var error))
            {
                throw new GraphQLException(ToError(error));
            }
        }

        // Step 4: errors inside the first list level.
        if (value is IReadOnlyList<object?> list && IsList(context.Field.Type))
        {
            var items = new object?[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                items[i] = list[i] is IReadOnlyDictionary<string, object?> item && item.TryGetValue("$error", out var itemError)
                    ? new GraphQLException(ToError(itemError))
                    : list[i];
            }

            return items;
        }

        return value;
    }

    /// <summary>Step 5 for abstract types: the fixture object's <c>__typename</c>.</summary>
    public static ObjectType? ResolveType(object value, IResolverContext context)
    {
        if (value is IReadOnlyDictionary<string, object?> map && map.TryGetValue("__typename", out var name) && name is string typeName)
        {
            return context.Schema.GetType(typeName) as ObjectType;
        }

        return null;
    }

    private static bool IsList(GraphQLType type) => (type is NonNullType nonNull ? nonNull.OfType : type) is ListType;

    private static GraphQLError ToError(object? error) => error switch
    {
        string message => new GraphQLError(message),
        IReadOnlyDictionary<string, object?> map => new GraphQLError(
            map.TryGetValue("message", out var message) ? message as string ?? "error" : "error",
            extensions: map.TryGetValue("extensions", out var extensions) ? extensions as IReadOnlyDictionary<string, object?> : null),
        _ => new GraphQLError("error"),
    };
}

/// <summary>JSON deep equality of runtime values: key order ignored, numbers by value, arrays in order.</summary>
public static class JsonValueEquality
{
    /// <summary>True when both runtime values are equal as JSON.</summary>
    public static bool AreEqual(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return Convert.ToDouble(left, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(right, System.Globalization.CultureInfo.InvariantCulture);
        }

        switch (left)
        {
            case string s:
                return right is string t && s == t;
            case bool b:
                return right is bool c && b == c;
            case IReadOnlyDictionary<string, object?> map:
                if (right is not IReadOnlyDictionary<string, object?> other || other.Count != map.Count)
                {
                    return false;
                }

                foreach (var pair in map)
                {
                    if (!other.TryGetValue(pair.Key, out var value) || !AreEqual(pair.Value, value))
                    {
                        return false;
                    }
                }

                return true;
            case System.Collections.IEnumerable items when right is System.Collections.IEnumerable otherItems and not string:
                var a = items.Cast<object?>().ToList();
                var b2 = otherItems.Cast<object?>().ToList();
                return a.Count == b2.Count && a.Zip(b2).All(p => AreEqual(p.First, p.Second));
            default:
                return Equals(left, right);
        }
    }

    private static bool IsNumber(object value) => value is int or long or double or float or decimal or short or byte or uint or ulong;
}
