using RunsGateway.GraphQL.Introspection;

namespace RunsGateway.GraphQL.Types;

/// <summary>Supplies the introspection meta types that every schema's type map includes.</summary>
internal static class IntrospectionTypeSource
{
    public static IEnumerable<NamedType> Types => IntrospectionTypes.All;

    public static NamedType? Get(string name) => IntrospectionTypes.Get(name);
}
