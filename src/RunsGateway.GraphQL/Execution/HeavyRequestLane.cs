namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// Admission of heavy requests (<see cref="ExecutionOptions.HeavyFieldCount"/>): a few execute at once, a bounded number wait in
/// arrival order, the rest are turned away. Ordinary requests never pass through it, so they keep the cores the lane leaves free.
/// </summary>
internal sealed class HeavyRequestLane(int slots, int maxQueued)
{
    private readonly Lock _sync = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiting = new();
    private int _executing;

    public (int Executing, int Queued) Counts
    {
        get
        {
            lock (_sync)
            {
                return (_executing, _waiting.Count);
            }
        }
    }

    /// <summary>Takes a slot, waiting at most <paramref name="wait"/>; false when the queue is full or the wait ran out.</summary>
    public async ValueTask<bool> EnterAsync(TimeSpan wait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> turn;
        Task<bool> waiting;
        lock (_sync)
        {
            if (_executing < slots && _waiting.Count == 0)
            {
                _executing++;
                return true;
            }

            if (_waiting.Count >= maxQueued)
            {
                return false;
            }

            turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            // The wait (and its timer) exists before the request is seen as queued, so its deadline counts from the enqueue.
            waiting = turn.Task.WaitAsync(wait, timeProvider, cancellationToken);
            _waiting.Enqueue(turn);
        }

        try
        {
            return await waiting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_sync)
            {
                // Given up while waiting: a slot handed over meanwhile goes to the next in line.
                if (!turn.TrySetResult(false) && turn.Task.Result)
                {
                    ReleaseLocked();
                }
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            return false;
        }
    }

    public void Exit()
    {
        lock (_sync)
        {
            ReleaseLocked();
        }
    }

    private void ReleaseLocked()
    {
        while (_waiting.TryDequeue(out var next))
        {
            if (next.TrySetResult(true))
            {
                // The slot passes to the waiter: _executing stays.
                return;
            }
        }

        _executing--;
    }
}
