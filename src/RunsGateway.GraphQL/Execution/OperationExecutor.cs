using System.Collections;
using System.Collections.Concurrent;
using RunsGateway.GraphQL.DataLoading;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// Executes one operation (spec 6.3 to 6.4): field collection, argument coercion, resolution, value completion and
/// null propagation. Synchronously completed resolvers run on a fast path without tasks; asynchronous ones continue
/// in <see cref="CompleteAsyncField"/> (through a recycled <see cref="AsyncField"/>) and fill their slot of the response tree when done.
/// </summary>
internal sealed partial class OperationExecutor
{
    /// <summary>Marks a position that failed and must propagate null to its parent (its error is already recorded).</summary>
    private static readonly object Invalid = new();

    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    private readonly FieldCollector _collector;
    private readonly DataLoaderScope _dataLoaders;
    private readonly bool _includeExceptionDetails;
    private readonly Lock _errorSync = new();
    private List<GraphQLError>? _errors;
    private ContextDataMap? _contextData;
    private readonly IReadOnlyDictionary<string, object?>? _initialContextData;
    private int _outstanding;
    private int _asyncStarted;
    private TaskCompletionSource? _idle;
    private readonly ResultBudget? _budget;

    public OperationExecutor(
        Schema schema,
        FieldCollector collector,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables,
        GraphQLRequest request,
        bool includeExceptionDetails,
        CancellationToken cancellationToken,
        ResultBudget? budget = null)
    {
        _budget = budget;
        Schema = schema;
        _collector = collector;
        Fragments = fragments;
        Operation = operation;
        Variables = variables;
        RootValue = request.RootValue;
        Services = request.Services;
        _initialContextData = request.ContextData;
        _includeExceptionDetails = includeExceptionDetails;
        CancellationToken = cancellationToken;
        _dataLoaders = new DataLoaderScope(cancellationToken);
    }

    public Schema Schema { get; }

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; }

    public OperationDefinitionNode Operation { get; }

    public IReadOnlyDictionary<string, object?> Variables { get; }

    public object? RootValue { get; }

    public IServiceProvider? Services { get; }

    public CancellationToken CancellationToken { get; }

    public IDataLoaderScope DataLoaders => _dataLoaders;

    public IDictionary<string, object?> ContextData
    {
        get
        {
            if (_contextData is null)
            {
                Interlocked.CompareExchange(ref _contextData, new ContextDataMap(_initialContextData), null);
            }

            return _contextData;
        }
    }

    public async ValueTask<ExecutionResult> ExecuteAsync(ObjectType rootType)
    {
        var plan = _collector.GetRootPlan(Operation, rootType);
        var root = new ResultMap(null, nonNullInParent: true, plan);
        if (Operation.Operation == OperationType.Mutation)
        {
            for (var i = 0; i < plan.Fields.Length && !root.IsInvalid; i++)
            {
                var phase = RunPhase(root, rootType, plan, i);
                if (!phase.IsCompletedSuccessfully)
                {
                    await phase.ConfigureAwait(false);
                }
            }
        }
        else
        {
            var phase = RunPhase(root, rootType, plan, -1);
            if (!phase.IsCompletedSuccessfully)
            {
                await phase.ConfigureAwait(false);
            }
        }

        CancellationToken.ThrowIfCancellationRequested();
        var errors = (IReadOnlyList<GraphQLError>?)_errors ?? [];
        return ExecutionResult.FromData(root.IsInvalid ? null : root, errors);
    }

    /// <summary>Runs one field (<paramref name="only"/> ≥ 0, serial execution) or all fields, and waits for their async work.</summary>
    private ValueTask RunPhase(ResultMap root, ObjectType rootType, SelectionPlan plan, int only)
    {
        _outstanding = 1;
        _idle = null;
        _dataLoaders.Enter();
        try
        {
            var path = (PathSegment?)null;
            var ok = only >= 0
                ? ExecuteField(root, only, rootType, RootValue, plan.Fields[only], path)
                : ExecuteFields(root, rootType, RootValue, plan, path);
            if (!ok)
            {
                root.TryInvalidate();
            }
        }
        finally
        {
            _dataLoaders.Exit();
        }

        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(Volatile.Read(ref _idle)!.Task.WaitAsync(CancellationToken));
    }

    private void BeginAsync()
    {
        Interlocked.Increment(ref _asyncStarted);
        if (Volatile.Read(ref _idle) is null)
        {
            Interlocked.CompareExchange(ref _idle, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
        }

        Interlocked.Increment(ref _outstanding);
    }

    private void EndAsync()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _idle!.TrySetResult();
        }
    }

    /// <summary>Executes the collected fields into <paramref name="map"/>; false when a non-null field failed.</summary>
    private bool ExecuteFields(ResultMap map, ObjectType type, object? source, SelectionPlan plan, PathSegment? path)
    {
        // A cancelled or timed-out request stops starting resolvers; ExecuteAsync then throws for the whole request.
        CancellationToken.ThrowIfCancellationRequested();
        var fields = plan.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            if (!ExecuteField(map, i, type, source, fields[i], path))
            {
                map.TryInvalidate();
                return false;
            }
        }

        return true;
    }

    private bool ExecuteField(ResultMap map, int index, ObjectType parentType, object? source, FieldSelection selection, PathSegment? parentPath)
    {
        if (selection.IsTypeName)
        {
            map.Set(index, parentType.Name);
            return true;
        }

        var field = selection.Field!;
        var nonNull = field.Type is NonNullType;
        if (field.MemberReader is { } read && source is not null)
        {
            return ExecuteMemberLeaf(map, index, parentType, source, selection, parentPath, read, nonNull);
        }

        var asyncStarted = Volatile.Read(ref _asyncStarted);
        ValueTask<object?> pending;
        ResolverContext? context = null;
        try
        {
            var arguments = field.Arguments.Count == 0 ? NoArguments : CoerceArguments(selection, field);
            context = ResolverContext.Rent(this, source, parentType, selection, arguments, parentPath);
            var resolver = field.Resolver ?? DefaultResolver;
            pending = resolver(context);
        }
#pragma warning disable CA1031 // Every resolver failure becomes a field error (spec 6.4.4).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecordException(ex, selection, context ?? new PathSegment(parentPath, selection.ResponseKey));
            return SetNull(map, index, nonNull);
        }

        if (!pending.IsCompleted)
        {
            BeginAsync();
            AsyncField.Start(this, pending, map, index, selection, context);
            return true;
        }

        object? value;
        try
        {
            value = ResultOrFailure(pending);
        }
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            value = ex;
        }

        if (value is Exception failure)
        {
            RecordException(failure, selection, context);
            ReturnContext(context, asyncStarted);
            return SetNull(map, index, nonNull);
        }

        var completed = CompletePosition(field.Type, selection, value, context, map, context);
        ReturnContext(context, asyncStarted);
        if (completed == Invalid)
        {
            return SetNull(map, index, nonNull);
        }

        map.Set(index, completed);
        return true;
    }

    /// <summary>
    /// The value of a completed resolver, or the exception of a failed one read without a rethrow (returned, not thrown): documents of
    /// many aliases can fail hundreds of fields at once (e.g. past a request budget), and a rethrow each was most of their cost.
    /// </summary>
    private static object? ResultOrFailure(ValueTask<object?> completed) =>
        completed.IsFaulted ? completed.AsTask().Exception!.InnerException! : completed.Result;

    /// <summary>
    /// A scalar or enum field read straight from a property of its parent (<see cref="FieldDefinition.MemberReader"/>): the value of
    /// the resolver it stands for, completed without renting a resolver context; the field's path exists only if it fails.
    /// </summary>
    private bool ExecuteMemberLeaf(ResultMap map, int index, ObjectType parentType, object source, FieldSelection selection, PathSegment? parentPath, Func<object, object?> read, bool nonNull)
    {
        object? completed;
        try
        {
            var value = read(source);
            if (value is Exception error)
            {
                // As for any resolver: an exception given as the value is the field's error.
                throw error;
            }

            if (value is null)
            {
                completed = nonNull ? throw new FieldErrorException(NonNullViolation(parentType, selection)) : null;
            }
            else
            {
                completed = CompleteLeaf(selection.Field!.Type.NullableType(), selection, value);
            }
        }
#pragma warning disable CA1031 // Every resolver and serializer failure becomes a field error (spec 6.4.4).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecordException(ex, selection, new PathSegment(parentPath, selection.ResponseKey));
            return SetNull(map, index, nonNull);
        }

        map.Set(index, completed);
        return true;
    }

    /// <summary>Recycles a context when no asynchronous work started meanwhile (which could still reference it as a path).</summary>
    private void ReturnContext(ResolverContext context, int asyncStarted)
    {
        if (Volatile.Read(ref _asyncStarted) == asyncStarted)
        {
            context.Return();
        }
    }

    private static bool SetNull(ResultMap map, int index, bool nonNull)
    {
        if (nonNull)
        {
            return false;
        }

        map.Set(index, null);
        return true;
    }

    /// <summary>Completes a field whose resolver finished asynchronously (called by <see cref="AsyncField"/> once it has).</summary>
    private void CompleteAsyncField(ValueTask<object?> pending, ResultMap map, int index, FieldSelection selection, ResolverContext context)
    {
        var field = selection.Field!;
        var nonNull = field.Type is NonNullType;
        try
        {
            object? completed;
            try
            {
                var value = pending.GetAwaiter().GetResult();
                _dataLoaders.Enter();
                try
                {
                    completed = CompletePosition(field.Type, selection, value, context, map, context);
                }
                finally
                {
                    _dataLoaders.Exit();
                }
            }
#pragma warning disable CA1031 // Every resolver failure becomes a field error (spec 6.4.4).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RecordException(ex, selection, context);
                completed = Invalid;
            }

            if (completed != Invalid)
            {
                map.Set(index, completed);
            }
            else if (nonNull)
            {
                map.PropagateInvalid();
            }
            else
            {
                map.Set(index, null);
            }
        }
        finally
        {
            EndAsync();
        }
    }

    /// <summary>
    /// Completes the value of one response position (a field or a list item) and handles its errors: returns the
    /// completed value, null for a nullable position that failed, or <see cref="Invalid"/> for a failed non-null position.
    /// </summary>
    private object? CompletePosition(GraphQLType type, FieldSelection selection, object? value, PathSegment path, ResultNode parent, ResolverContext context)
    {
        object? completed;
        try
        {
            completed = CompleteValue(type, selection, value, path, parent, context);
        }
#pragma warning disable CA1031 // Failures of type resolvers and serializers become field errors too.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecordException(ex, selection, path);
            completed = Invalid;
        }

        return completed == Invalid && type is not NonNullType ? null : completed;
    }

    private static GraphQLError NonNullViolation(ObjectType parentType, FieldSelection selection) =>
        new($"Cannot return null for non-nullable field {parentType.Name}.{selection.Field!.Name}.");

    /// <summary>A non-null scalar or enum value serialized for the response (and counted against the result budget).</summary>
    private object CompleteLeaf(GraphQLType type, FieldSelection selection, object value)
    {
        var serialized = type is EnumType enumType
            ? enumType.Serialize(value)
            : ((ScalarType)type).Serialize(value) ?? throw new FieldErrorException(new GraphQLError(
                $"Expected a value of type \"{((ScalarType)type).Name}\" but received: {ValueText.Inspect(value)}"));
        _budget?.AddLeaf(selection.ResponseKey, serialized);
        return serialized;
    }

    private object? CompleteValue(GraphQLType type, FieldSelection selection, object? value, PathSegment path, ResultNode parent, ResolverContext context)
    {
        if (type is NonNullType nonNull)
        {
            var completed = CompleteNullable(nonNull.OfType, nonNullPosition: true, selection, value, path, parent, context);
            return completed ?? throw new FieldErrorException(NonNullViolation(context.ParentType, selection));
        }

        return CompleteNullable(type, nonNullPosition: false, selection, value, path, parent, context);
    }

    private object? CompleteNullable(GraphQLType type, bool nonNullPosition, FieldSelection selection, object? value, PathSegment path, ResultNode parent, ResolverContext context)
    {
        if (value is null)
        {
            return null;
        }

        if (value is Exception error)
        {
            // A list item given as an exception is an execution error at that item.
            throw error;
        }

        switch (type)
        {
            case ScalarType or EnumType:
                return CompleteLeaf(type, selection, value);
            case ObjectType objectType:
                return CompleteObject(objectType, nonNullPosition, selection, value, path, parent);
            case InterfaceType or UnionType:
                var resolved = ResolveAbstractType((NamedType)type, value, context);
                return CompleteObject(resolved, nonNullPosition, selection, value, path, parent);
            case ListType listType:
                return CompleteList(listType, nonNullPosition, selection, value, path, parent, context);
            default:
                throw new FieldErrorException(new GraphQLError($"Cannot complete value of unexpected output type \"{type}\"."));
        }
    }

    private object? CompleteObject(ObjectType type, bool nonNullPosition, FieldSelection selection, object value, PathSegment path, ResultNode parent)
    {
        var plan = selection.GetSubPlan(type, _collector);
        var map = new ResultMap(parent, nonNullPosition, plan);
        return ExecuteFields(map, type, value, plan, path) ? map : Invalid;
    }

    private object? CompleteList(ListType type, bool nonNullPosition, FieldSelection selection, object value, PathSegment path, ResultNode parent, ResolverContext context)
    {
        if (value is string || value is IDictionary || value is IReadOnlyDictionary<string, object?> || value is not IEnumerable enumerable)
        {
            throw new FieldErrorException(new GraphQLError(
                $"Expected Iterable, but did not find one for field \"{context.ParentType.Name}.{selection.Field!.Name}\"."));
        }

        var items = enumerable as IList ?? enumerable.Cast<object?>().ToList();
        _budget?.AddItems(items.Count);
        if (selection.IdenticalListsAfter > 0 && items.Count > 0)
        {
            _budget?.ExpectItems((long)items.Count * selection.IdenticalListsAfter);
        }

        CancellationToken.ThrowIfCancellationRequested();
        var list = new ResultList(parent, nonNullPosition, items.Count);
        var itemType = type.OfType;
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = new PathSegment(path, i);
            var completed = CompletePosition(itemType, selection, items[i], itemPath, list, context);
            if (completed == Invalid)
            {
                list.TryInvalidate();
                return Invalid;
            }

            list.Set(i, completed);
        }

        return list;
    }

    private ObjectType ResolveAbstractType(NamedType abstractType, object value, ResolverContext context)
    {
        var resolver = abstractType switch
        {
            InterfaceType i => i.ResolveType,
            UnionType u => u.ResolveType,
            _ => null,
        };

        ObjectType? resolved = null;
        if (resolver is not null)
        {
            resolved = resolver(value, context);
        }
        else
        {
            foreach (var candidate in Schema.GetPossibleTypes(abstractType))
            {
                if (candidate.IsTypeOf?.Invoke(value) == true)
                {
                    resolved = candidate;
                    break;
                }
            }
        }

        if (resolved is null)
        {
            throw new FieldErrorException(new GraphQLError(
                $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{context.ParentType.Name}.{context.Field.Name}\". "
                + $"Either the \"{abstractType.Name}\" type should provide a type resolver or each possible type should provide an IsTypeOf function."));
        }

        if (Schema.GetType(resolved.Name) is not ObjectType schemaType || !Schema.IsPossibleType(abstractType, schemaType))
        {
            throw new FieldErrorException(new GraphQLError(
                $"Runtime Object type \"{resolved.Name}\" is not a possible type for \"{abstractType.Name}\"."));
        }

        return schemaType;
    }

    private IReadOnlyDictionary<string, object?> CoerceArguments(FieldSelection selection, FieldDefinition field)
    {
        if (!selection.ArgumentsUseVariables && selection.LiteralArguments is { } cached)
        {
            return cached;
        }

        var arguments = ValueCoercion.CoerceArgumentValues(field.Arguments, selection.FirstNode.Arguments, Variables, selection.FirstNode);
        if (!selection.ArgumentsUseVariables)
        {
            selection.LiteralArguments = arguments;
        }

        return arguments;
    }

    private static ValueTask<object?> DefaultResolver(IResolverContext context) => new(context.Parent switch
    {
        IReadOnlyDictionary<string, object?> map => map.TryGetValue(context.Field.Name, out var value) ? value : null,
        IDictionary<string, object?> map => map.TryGetValue(context.Field.Name, out var value) ? value : null,
        _ => null,
    });

    private void RecordException(Exception exception, FieldSelection selection, PathSegment path)
    {
        switch (exception)
        {
            case GraphQLException graphQLException:
                foreach (var error in graphQLException.Errors)
                {
                    RecordError(error, selection, path);
                }

                break;
            case FieldErrorException fieldError:
                RecordError(fieldError.Error, selection, path);
                break;
            case ScalarCoercionException coercion:
                RecordError(new GraphQLError(coercion.Message, innerException: coercion), selection, path);
                break;
            case OperationCanceledException when CancellationToken.IsCancellationRequested:
                // The whole request fails with a timeout or cancellation; per-field errors would only be noise.
                break;
            default:
                var message = _includeExceptionDetails ? exception.Message : "Unexpected Execution Error";
                RecordError(
                    new GraphQLError(message, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalServerError }, innerException: exception),
                    selection,
                    path);
                break;
        }
    }

    private void RecordError(GraphQLError error, FieldSelection selection, PathSegment path)
    {
        var located = error;
        if (located.Locations.Count == 0)
        {
            located = located.WithLocations(selection.Locations);
        }

        if (located.Path is null)
        {
            located = located.WithPath(PathSegment.ToList(path));
        }

        lock (_errorSync)
        {
            (_errors ??= []).Add(located);
        }
    }
}

/// <summary>An execution error raised while completing a value.</summary>
internal sealed class FieldErrorException : Exception
{
    public FieldErrorException()
        : this(new GraphQLError("Execution error."))
    {
    }

    public FieldErrorException(string message)
        : this(new GraphQLError(message))
    {
    }

    public FieldErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new GraphQLError(message, innerException: innerException);
    }

    public FieldErrorException(GraphQLError error)
        : base(error.Message)
    {
        Error = error;
    }

    public GraphQLError Error { get; }
}
