using System.Threading.Tasks.Sources;

namespace RunsGateway.GraphQL.Resolvers;

/// <summary>
/// A resolver's pending <see cref="ValueTask{T}"/> seen as the <c>ValueTask&lt;object?&gt;</c> the executor awaits, without an async
/// state machine per field: a recycled source that forwards the inner task's completion. Each use has its own token, so a stale
/// or second await of a recycled source fails instead of reading another field's result.
/// </summary>
/// <typeparam name="T">The resolver's result type.</typeparam>
internal sealed class TaskResultSource<T> : IValueTaskSource<object?>
{
    private static readonly ContextCallback RunContinuation = static state => ((TaskResultSource<T>)state!).InvokeContinuation();

    private readonly Action _onInnerCompleted;
    private ValueTask<T> _inner;
    private Action<object?>? _continuation;
    private object? _state;
    private ExecutionContext? _executionContext;
    private short _version;

    private TaskResultSource() => _onInnerCompleted = OnInnerCompleted;

    /// <summary>Wraps a pending task.</summary>
    public static ValueTask<object?> Wrap(ValueTask<T> inner)
    {
        var source = Execution.PerThreadPool<TaskResultSource<T>>.TryRent() ?? new TaskResultSource<T>();

        source._inner = inner;
        return new ValueTask<object?>(source, source._version);
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        Validate(token);
        return _inner.IsCompletedSuccessfully ? ValueTaskSourceStatus.Succeeded
            : _inner.IsCanceled ? ValueTaskSourceStatus.Canceled
            : _inner.IsFaulted ? ValueTaskSourceStatus.Faulted
            : ValueTaskSourceStatus.Pending;
    }

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        Validate(token);
        _continuation = continuation;
        _state = state;
        _executionContext = (flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0 ? ExecutionContext.Capture() : null;
        _inner.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onInnerCompleted);
    }

    public object? GetResult(short token)
    {
        Validate(token);
        var inner = _inner;
        Recycle();
        return inner.GetAwaiter().GetResult();
    }

    private void OnInnerCompleted()
    {
        if (_executionContext is { } context)
        {
            ExecutionContext.Run(context, RunContinuation, this);
        }
        else
        {
            InvokeContinuation();
        }
    }

    private void InvokeContinuation() => _continuation!(_state);

    private void Validate(short token)
    {
        if (token != _version)
        {
            throw new InvalidOperationException("A resolver's result was awaited after it had been read.");
        }
    }

    private void Recycle()
    {
        _inner = default;
        _continuation = null;
        _state = null;
        _executionContext = null;
        _version++;
        Execution.PerThreadPool<TaskResultSource<T>>.Return(this);
    }
}
