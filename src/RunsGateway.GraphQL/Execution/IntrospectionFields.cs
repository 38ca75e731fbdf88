namespace RunsGateway.GraphQL.Execution;

/// <summary>Names of the executable introspection entry points of the query root (spec 4.2).</summary>
internal static class IntrospectionFields
{
    public static bool IsIntrospectionField(string name) => name is "__schema" or "__type";
}
