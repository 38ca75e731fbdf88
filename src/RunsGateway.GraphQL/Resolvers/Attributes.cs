namespace RunsGateway.GraphQL.Resolvers;

/// <summary>Marks a resolver class: its public methods resolve fields of the GraphQL object type <see cref="Name"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class GraphQLTypeAttribute : Attribute
{
    /// <summary>Creates the attribute for the object type <paramref name="name"/>.</summary>
    protected GraphQLTypeAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The GraphQL object type the class resolves fields of.</summary>
    public string Name { get; }
}

/// <summary>A resolver class for the object type <paramref name="name"/> (for example <c>[ObjectType("Query")]</c>).</summary>
/// <param name="name">The GraphQL object type.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ObjectTypeAttribute(string name) : GraphQLTypeAttribute(name);

/// <summary>
/// A resolver class that adds resolvers to the object type <paramref name="name"/>, whose other fields come from its bound
/// runtime type (for example <c>[ExtendObjectType("Run")]</c> next to <c>BindRuntimeType&lt;Run&gt;("Run")</c>).
/// </summary>
/// <param name="name">The GraphQL object type.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExtendObjectTypeAttribute(string name) : GraphQLTypeAttribute(name);

/// <summary>A resolver class for the query root type <c>Query</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class QueryTypeAttribute() : GraphQLTypeAttribute("Query");

/// <summary>Names the GraphQL field, argument or input field a method, parameter or property binds to, instead of the convention.</summary>
/// <param name="name">The GraphQL name.</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class GraphQLNameAttribute(string name) : Attribute
{
    /// <summary>The GraphQL name.</summary>
    public string Name { get; } = name;
}

/// <summary>Binds a resolver parameter to the parent object (the value the field is resolved on).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ParentAttribute : Attribute;

/// <summary>Binds a resolver parameter to a service of the request (parameters that are no argument bind to services anyway).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceAttribute : Attribute;

/// <summary>Keeps a public method of a resolver class (or a property of a runtime type) out of the schema binding.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public sealed class GraphQLIgnoreAttribute : Attribute;
