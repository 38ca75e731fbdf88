namespace RunsGateway.GraphQL.Execution;

internal sealed partial class OperationExecutor
{
    /// <summary>
    /// The continuation of one field whose resolver is still running: it waits for the resolver's value and then completes the
    /// field, in the execution context the field started in, as an <c>async</c> method would, but recycled through a small
    /// per-thread pool instead of allocating a state machine per field.
    /// </summary>
    private sealed class AsyncField
    {
        private static readonly ContextCallback RunComplete = static state => ((AsyncField)state!).Complete();

        private readonly Action _onCompleted;
        private OperationExecutor? _executor;
        private ValueTask<object?> _pending;
        private ResultMap? _map;
        private int _index;
        private FieldSelection? _selection;
        private ResolverContext? _context;
        private ExecutionContext? _executionContext;

        private AsyncField() => _onCompleted = OnCompleted;

        public static void Start(OperationExecutor executor, ValueTask<object?> pending, ResultMap map, int index, FieldSelection selection, ResolverContext context)
        {
            var field = PerThreadPool<AsyncField>.TryRent() ?? new AsyncField();

            field._executor = executor;
            field._pending = pending;
            field._map = map;
            field._index = index;
            field._selection = selection;
            field._context = context;
            field._executionContext = ExecutionContext.Capture();
            pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(field._onCompleted);
        }

        private void OnCompleted()
        {
            if (_executionContext is { } context)
            {
                ExecutionContext.Run(context, RunComplete, this);
            }
            else
            {
                Complete();
            }
        }

        private void Complete()
        {
            var executor = _executor!;
            var pending = _pending;
            var map = _map!;
            var index = _index;
            var selection = _selection!;
            var context = _context!;
            _executor = null;
            _pending = default;
            _map = null;
            _selection = null;
            _context = null;
            _executionContext = null;
            PerThreadPool<AsyncField>.Return(this);

            executor.CompleteAsyncField(pending, map, index, selection, context);
        }
    }
}
