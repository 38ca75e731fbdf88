using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Execution;

/// <summary>Resolves the value of one field; completes synchronously on the fast path.</summary>
/// <param name="context">The resolver context of the field being resolved.</param>
/// <returns>The resolved (not yet completed) value.</returns>
public delegate ValueTask<object?> FieldResolver(IResolverContext context);

/// <summary>Determines the concrete object type of a value of an interface or union type.</summary>
/// <param name="value">The resolved value.</param>
/// <param name="context">The context of the field that produced the value.</param>
/// <returns>The object type, or null when it cannot be determined (an execution error).</returns>
public delegate ObjectType? TypeResolver(object value, IResolverContext context);

/// <summary>
/// The per-field context handed to a <see cref="FieldResolver"/>. It is valid until the resolver's value has been
/// completed: the executor recycles contexts, so a resolver must not keep it (or start work that uses it) after returning.
/// </summary>
public interface IResolverContext
{
    /// <summary>The parent object value (the root value for root fields).</summary>
    object? Parent { get; }

    /// <summary>The object type that declares the field.</summary>
    ObjectType ParentType { get; }

    /// <summary>The field being resolved.</summary>
    FieldDefinition Field { get; }

    /// <summary>The field nodes merged under this response key, in document order.</summary>
    IReadOnlyList<FieldNode> FieldNodes { get; }

    /// <summary>The coerced argument values (absent arguments are missing; explicit null is present).</summary>
    IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>Returns the coerced argument <paramref name="name"/> converted to <typeparamref name="T"/>, or default when absent.</summary>
    T? ArgumentValue<T>(string name);

    /// <summary>The schema being executed against.</summary>
    Schema Schema { get; }

    /// <summary>The operation being executed.</summary>
    OperationDefinitionNode Operation { get; }

    /// <summary>The coerced variable values.</summary>
    IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>The response path of this field (string keys and int indices).</summary>
    IReadOnlyList<object> Path { get; }

    /// <summary>The request services, if any.</summary>
    IServiceProvider? Services { get; }

    /// <summary>Per-request state shared by all resolvers.</summary>
    IDictionary<string, object?> ContextData { get; }

    /// <summary>Cancelled when the request is aborted or times out.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>True when the current field's selection set selects <paramref name="fieldName"/> (fragments included).</summary>
    bool IsSelected(string fieldName);

    /// <summary>The per-request DataLoader scope.</summary>
    IDataLoaderScope DataLoaders { get; }
}
