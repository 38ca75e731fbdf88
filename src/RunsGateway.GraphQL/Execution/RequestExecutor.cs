using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;
using RunsGateway.GraphQL.Validation;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// Executes GraphQL requests against one schema: parse (cached), validate (cached), select the operation, check the
/// limits, coerce variables and execute (spec 6.1). Thread-safe; create one per schema and reuse it.
/// </summary>
public sealed partial class RequestExecutor
{
    private readonly DocumentCache _cache;
    private readonly ParserOptions _parserOptions;
    private readonly TimeProvider _timeProvider;
    private readonly HeavyRequestLane? _heavy;

    /// <summary>Creates an executor.</summary>
    /// <param name="schema">The schema requests run against.</param>
    /// <param name="options">Limits and switches; null for the defaults.</param>
    /// <param name="timeProvider">The clock of the execution timeout; null for the system clock.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RequestExecutor(Schema schema, ExecutionOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new ExecutionOptions();
        options.Validate();
        Schema = schema;
        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _cache = new DocumentCache(options.DocumentCacheSize);
        _heavy = options.HeavyFieldCount > 0 ? new HeavyRequestLane(options.MaxConcurrentHeavyRequests, options.MaxQueuedHeavyRequests) : null;
        _parserOptions = new ParserOptions
        {
            MaxDocumentLength = options.MaxDocumentLength,
            MaxTokenCount = options.MaxTokenCount,
        };
    }

    /// <summary>The schema requests run against.</summary>
    public Schema Schema { get; }

    /// <summary>The options in effect.</summary>
    public ExecutionOptions Options { get; }

    /// <summary>The number of documents currently cached.</summary>
    internal int CachedDocumentCount => _cache.Count;

    /// <summary>Executes a request. Request errors (syntax, validation, variables, limits) are returned as results without data.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Aborts execution; the returned task is then cancelled.</param>
    /// <returns>The execution result; a timeout gives an error with code <c>EXECUTION_TIMEOUT</c>.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = Prepare(request, out var error);
        if (prepared is null)
        {
            return error!;
        }

        if (prepared.Operation.Operation == OperationType.Subscription)
        {
            return RequestError("Subscription operations run through SubscribeAsync, which returns a stream of results.", ErrorCodes.OperationNotAllowed);
        }

        if (_heavy is null || prepared.Document.Metrics[prepared.Operation].FieldCount <= Options.HeavyFieldCount)
        {
            return await ExecuteOperationAsync(prepared, request, cancellationToken).ConfigureAwait(false);
        }

        var wait = Options.ExecutionTimeout is { } t && t > TimeSpan.Zero ? t : Timeout.InfiniteTimeSpan;
        if (!await _heavy.EnterAsync(wait, _timeProvider, cancellationToken).ConfigureAwait(false))
        {
            return RequestError(
                $"The server is busy with other large requests (more than {Options.HeavyFieldCount} fields); retry later or select fewer fields.",
                ErrorCodes.ServerBusy);
        }

        try
        {
            return await ExecuteOperationAsync(prepared, request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _heavy.Exit();
        }
    }

    /// <summary>Requests executing or waiting in the heavy-request lane (for tests).</summary>
    internal (int Executing, int Queued) HeavyRequests => _heavy?.Counts ?? (0, 0);

    /// <summary>
    /// Parses (cached), validates (cached), selects the operation, checks the limits and coerces the variables: everything
    /// before execution. Null with <paramref name="error"/> set when the request fails there.
    /// </summary>
    private PreparedOperation? Prepare(GraphQLRequest request, out ExecutionResult? error)
    {
        error = null;
        var query = request.Query;
        if (string.IsNullOrEmpty(query))
        {
            error = RequestError("The request has no query document.", ErrorCodes.BadRequest);
            return null;
        }

        if (query.Length > Options.MaxDocumentLength)
        {
            error = RequestError(
                $"The document is {query.Length} characters long; at most {Options.MaxDocumentLength} are allowed.",
                ErrorCodes.DocumentTooLarge);
            return null;
        }

        if (!_cache.TryGet(query, out var document))
        {
            DocumentNode parsed;
            try
            {
                parsed = Parser.Parse(query, _parserOptions);
            }
            catch (GraphQLException ex)
            {
                error = ExecutionResult.FromErrors(WithDefaultCode(ex.Errors, ErrorCodes.SyntaxError));
                return null;
            }

            // Limits are checked before validation so that oversized documents never reach the quadratic rules.
            var fresh = new CachedDocument(parsed);
            if (CheckLimits(fresh, request.OperationName) is { } limitError)
            {
                error = limitError;
                return null;
            }

            fresh.ValidationErrors = Validate(parsed);
            document = _cache.Add(query, fresh);
        }

        if (document.ValidationErrors.Count > 0)
        {
            error = ExecutionResult.FromErrors(document.ValidationErrors);
            return null;
        }

        error = CheckLimits(document, request.OperationName);
        if (error is not null)
        {
            return null;
        }

        var operation = GetOperation(document, request.OperationName, out error);
        if (operation is null)
        {
            return null;
        }

        if (!IsAllowed(operation.Operation, request.AllowedOperations))
        {
            error = RequestError(
                $"{operation.Operation} operations are not allowed for this request.",
                ErrorCodes.OperationNotAllowed);
            return null;
        }

        if (!Options.EnableIntrospection && document.Metrics[operation].UsesIntrospection)
        {
            error = RequestError("Introspection is disabled for this service.", ErrorCodes.IntrospectionDisabled);
            return null;
        }

        var rootType = Schema.GetRootType(operation.Operation);
        if (rootType is null)
        {
            error = RequestError($"The schema is not configured to execute {operation.Operation.ToString().ToUpperInvariant()} operations.", ErrorCodes.OperationResolutionFailure);
            return null;
        }

        if (!ValueCoercion.TryCoerceVariableValues(Schema, operation, request.Variables, out var variables, out var variableErrors))
        {
            error = ExecutionResult.FromErrors(WithoutHintsUnlessIntrospectable(WithDefaultCode(variableErrors, ErrorCodes.BadUserInput)));
            return null;
        }

        var collector = document.HasVariableConditionals
            ? new FieldCollector(Schema, document.Fragments, variables)
            : document.GetSharedCollector(Schema);
        return new PreparedOperation(document, operation, rootType, variables, collector);
    }

    /// <summary>Executes a prepared operation under the execution timeout; <paramref name="request"/> supplies the root value.</summary>
    private async Task<ExecutionResult> ExecuteOperationAsync(PreparedOperation prepared, GraphQLRequest request, CancellationToken cancellationToken)
    {
        var timeout = Options.ExecutionTimeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan ? t : (TimeSpan?)null;
        using var timeoutSource = timeout is null ? null : new CancellationTokenSource(timeout.Value, _timeProvider);
        using var linked = timeoutSource is not null && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token)
            : null;
        var token = linked?.Token ?? timeoutSource?.Token ?? cancellationToken;
        using var budget = Options.MaxResultItems > 0 || Options.MaxResponseBytes > 0
            ? new ResultBudget(Options.MaxResultItems, Options.MaxResponseBytes, token)
            : null;

        var executor = new OperationExecutor(Schema, prepared.Collector, prepared.Document.Fragments, prepared.Operation, prepared.Variables, request, Options.IncludeExceptionDetails, budget?.Token ?? token, budget);
        try
        {
            return await executor.ExecuteAsync(prepared.RootType).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget?.Exceeded is { } exceeded && !cancellationToken.IsCancellationRequested)
        {
            return RequestError(exceeded, ErrorCodes.ResultTooLarge);
        }
        catch (OperationCanceledException) when (timeoutSource?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            return RequestError($"The request exceeded the execution timeout of {timeout!.Value.TotalMilliseconds:0} ms.", ErrorCodes.ExecutionTimeout);
        }
    }

    private IReadOnlyList<GraphQLError> Validate(DocumentNode document) =>
        WithoutHintsUnlessIntrospectable(WithDefaultCode(DocumentValidator.Validate(Schema, document, ValidationRules.Specified, DocumentValidator.DefaultMaxErrors, Options.MaxValidationComparisons), ErrorCodes.ValidationFailed));

    // Suggestions follow the introspection switch: they would reveal the schema that introspection hides.
    private IReadOnlyList<GraphQLError> WithoutHintsUnlessIntrospectable(IReadOnlyList<GraphQLError> errors) =>
        Options.EnableIntrospection ? errors : SuggestionRedactor.Redact(errors);

    private ExecutionResult? CheckLimits(CachedDocument document, string? operationName)
    {
        foreach (var operation in document.Operations)
        {
            if (operationName is not null && operation.Name?.Value != operationName)
            {
                continue;
            }

            var metrics = document.Metrics[operation];
            if (metrics.Depth > Options.MaxSelectionDepth)
            {
                return RequestError(
                    $"The operation nests fields {metrics.Depth} levels deep; at most {Options.MaxSelectionDepth} are allowed.",
                    ErrorCodes.MaxDepthExceeded);
            }

            if (metrics.FieldCount > Options.MaxFieldCount)
            {
                return RequestError(
                    $"The operation selects {metrics.FieldCount} fields; at most {Options.MaxFieldCount} are allowed.",
                    ErrorCodes.TooManyFields);
            }
        }

        return null;
    }

    private static OperationDefinitionNode? GetOperation(CachedDocument document, string? operationName, out ExecutionResult? error)
    {
        error = null;
        var operations = document.Operations;
        if (string.IsNullOrEmpty(operationName))
        {
            if (operations.Count == 1)
            {
                return operations[0];
            }

            error = RequestError(
                operations.Count == 0 ? "Must provide an operation." : "Must provide operation name if query contains multiple operations.",
                ErrorCodes.OperationResolutionFailure);
            return null;
        }

        foreach (var operation in operations)
        {
            if (operation.Name?.Value == operationName)
            {
                return operation;
            }
        }

        error = RequestError($"Unknown operation named \"{operationName}\".", ErrorCodes.OperationResolutionFailure);
        return null;
    }

    private static bool IsAllowed(OperationType operation, AllowedOperations allowed) => operation switch
    {
        OperationType.Query => allowed.HasFlag(AllowedOperations.Query),
        OperationType.Mutation => allowed.HasFlag(AllowedOperations.Mutation),
        OperationType.Subscription => allowed.HasFlag(AllowedOperations.Subscription),
        _ => false,
    };

    /// <summary>A request that passed every check before execution.</summary>
    private sealed record PreparedOperation(
        CachedDocument Document,
        OperationDefinitionNode Operation,
        ObjectType RootType,
        IReadOnlyDictionary<string, object?> Variables,
        FieldCollector Collector);

    private static ExecutionResult RequestError(string message, string code) =>
        ExecutionResult.FromError(GraphQLError.WithCode(message, code));

    private static IReadOnlyList<GraphQLError> WithDefaultCode(IReadOnlyList<GraphQLError> errors, string code)
    {
        if (errors.All(e => e.Code is not null))
        {
            return errors;
        }

        var codeExtension = new Dictionary<string, object?> { ["code"] = code };
        return [.. errors.Select(e => e.Code is null ? e.WithExtensions(codeExtension) : e)];
    }
}
