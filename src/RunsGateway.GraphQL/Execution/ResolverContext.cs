using System.Globalization;
using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// The context of one field resolution; it is also the field's response path segment (one allocation for both).
/// Contexts of fields whose whole subtree completed synchronously are recycled through a small per-thread pool, so a
/// resolver must not keep its context after its value was returned (the documented <see cref="IResolverContext"/> rule).
/// </summary>
internal sealed class ResolverContext : PathSegment, IResolverContext
{
    private OperationExecutor _executor;
    private FieldSelection _selection;
    private IReadOnlyList<object>? _path;

    private ResolverContext(OperationExecutor executor, object? parent, ObjectType parentType, FieldSelection selection, IReadOnlyDictionary<string, object?> arguments, PathSegment? parentPath)
        : base(parentPath, selection.ResponseKey)
    {
        _executor = executor;
        Parent = parent;
        ParentType = parentType;
        _selection = selection;
        Arguments = arguments;
    }

    public object? Parent { get; private set; }

    public ObjectType ParentType { get; private set; }

    public static ResolverContext Rent(OperationExecutor executor, object? parent, ObjectType parentType, FieldSelection selection, IReadOnlyDictionary<string, object?> arguments, PathSegment? parentPath)
    {
        if (PerThreadPool<ResolverContext>.TryRent() is not { } context)
        {
            return new ResolverContext(executor, parent, parentType, selection, arguments, parentPath);
        }

        context.Reset(parentPath, selection.ResponseKey);
        context._executor = executor;
        context.Parent = parent;
        context.ParentType = parentType;
        context._selection = selection;
        context.Arguments = arguments;
        context._path = null;
        return context;
    }

    /// <summary>Returns a context nobody references any more (its subtree completed synchronously) to the pool.</summary>
    public void Return()
    {
        Parent = null;
        Arguments = null!;
        _path = null;
        PerThreadPool<ResolverContext>.Return(this);
    }

    public FieldDefinition Field => _selection.Field!;

    public IReadOnlyList<FieldNode> FieldNodes => _selection.Nodes;

    public IReadOnlyDictionary<string, object?> Arguments { get; private set; }

    public Schema Schema => _executor.Schema;

    public OperationDefinitionNode Operation => _executor.Operation;

    public IReadOnlyDictionary<string, object?> Variables => _executor.Variables;

    public IReadOnlyList<object> Path => _path ??= ToList(this);

    public IServiceProvider? Services => _executor.Services;

    public IDictionary<string, object?> ContextData => _executor.ContextData;

    public CancellationToken CancellationToken => _executor.CancellationToken;

    public IDataLoaderScope DataLoaders => _executor.DataLoaders;

    public T? ArgumentValue<T>(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        throw new InvalidCastException($"Argument '{name}' is a {value.GetType().Name}, not a {typeof(T).Name}.");
    }

    public bool IsSelected(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        foreach (var node in _selection.Nodes)
        {
            if (node.SelectionSet is { } set && IsSelected(set, fieldName, 0))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsSelected(SelectionSetNode set, string fieldName, int depth)
    {
        // Fragments are expanded with a small depth bound; validation already rejected cycles.
        if (depth > 16)
        {
            return false;
        }

        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field when field.Name.Value == fieldName:
                    return true;
                case InlineFragmentNode inline when IsSelected(inline.SelectionSet, fieldName, depth + 1):
                    return true;
                case FragmentSpreadNode spread when _executor.Fragments.TryGetValue(spread.Name.Value, out var fragment)
                    && IsSelected(fragment.SelectionSet, fieldName, depth + 1):
                    return true;
            }
        }

        return false;
    }
}
