namespace RunsGateway.Loading;

/// <summary>
/// One vendor's concurrent-call slots, shared fairly between requests: a request may take every free slot while no other request
/// waits, but while another request waits it gets no slot beyond its share. A freed slot goes to the waiting request that holds
/// the fewest (the oldest waiter first among equals), so a request that starts late is served before one that already holds many.
/// </summary>
/// <remarks>
/// Running calls are never pre-empted: a request that took every slot while it was alone drops to its share as its calls finish,
/// because its next calls wait while another request waits. While every waiting request already holds its share and more than
/// one waits, free slots stay free for a request that arrives with fewer.
/// </remarks>
internal sealed class FairSlots
{
    private readonly Lock _sync = new();
    private readonly Dictionary<object, Owner> _owners = new(ReferenceEqualityComparer.Instance);
    private readonly int _share;
    private int _free;
    private int _waitingOwners;
    private long _sequence;

    /// <param name="capacity">The vendor's concurrent calls (<c>Vendors:&lt;Name&gt;:MaxConcurrentRequests</c>).</param>
    /// <param name="share">The most slots one request may hold while another request waits.</param>
    public FairSlots(int capacity, int share)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        Capacity = capacity;
        _share = Math.Min(share, capacity);
        _free = capacity;
    }

    /// <summary>The number of slots.</summary>
    public int Capacity { get; }

    /// <summary>Slots nobody holds (for tests and metrics).</summary>
    public int Free
    {
        get
        {
            lock (_sync)
            {
                return _free;
            }
        }
    }

    /// <summary>Slots <paramref name="owner"/> holds (for tests).</summary>
    public int HeldBy(object owner)
    {
        lock (_sync)
        {
            return _owners.TryGetValue(owner, out var state) ? state.Held : 0;
        }
    }

    /// <summary>
    /// Takes a slot for <paramref name="owner"/> (one request), waiting while none may be given to it; dispose the lease to give it
    /// back. A cancelled wait leaves the queue.
    /// </summary>
    public Task<Lease> AcquireAsync(object owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Lease>(cancellationToken);
        }

        Waiter waiter;
        lock (_sync)
        {
            if (!_owners.TryGetValue(owner, out var state))
            {
                state = new Owner();
                _owners[owner] = state;
            }

            // Only when nobody is ahead of it: its own earlier waiters, or (the dispatch order) a waiting request holding fewer.
            if (state.Waiting.Count == 0 && _free > 0 && (state.Held < _share || _waitingOwners == 0))
            {
                state.Held++;
                _free--;
                return Task.FromResult(new Lease(this, owner));
            }

            waiter = new Waiter(this, owner, state, _sequence++);
            if (state.Waiting.Count == 0)
            {
                _waitingOwners++;
            }

            state.Waiting.AddLast(waiter.Node);
        }

        // A new waiter can only hold others back, so nothing is granted here; a cancelled one leaves and the rest are reconsidered.
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Pool.Cancel((Waiter)state!, token), waiter);
        }

        return waiter.Source.Task;
    }

    private void Release(object owner)
    {
        List<Waiter>? granted;
        lock (_sync)
        {
            var state = _owners[owner];
            state.Held--;
            _free++;
            if (state.Held == 0 && state.Waiting.Count == 0)
            {
                _owners.Remove(owner);
            }

            granted = Dispatch();
        }

        Complete(granted);
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        List<Waiter>? granted;
        lock (_sync)
        {
            if (waiter.Node.List is null)
            {
                return; // Granted meanwhile; the lease is released by its holder.
            }

            var state = waiter.State;
            state.Waiting.Remove(waiter.Node);
            if (state.Waiting.Count == 0)
            {
                _waitingOwners--;
                if (state.Held == 0)
                {
                    _owners.Remove(waiter.Owner);
                }
            }

            granted = Dispatch();
        }

        waiter.Source.TrySetCanceled(token);
        Complete(granted);
    }

    /// <summary>Gives free slots to waiters, fewest held first; a request at its share only when no other request waits.</summary>
    private List<Waiter>? Dispatch()
    {
        List<Waiter>? granted = null;
        while (_free > 0 && _waitingOwners > 0)
        {
            Owner? next = null;
            foreach (var state in _owners.Values)
            {
                if (state.Waiting.Count > 0 && (next is null || state.Held < next.Held
                    || (state.Held == next.Held && state.Waiting.First!.Value.Sequence < next.Waiting.First!.Value.Sequence)))
                {
                    next = state;
                }
            }

            if (next!.Held >= _share && _waitingOwners > 1)
            {
                break;
            }

            var waiter = next.Waiting.First!.Value;
            next.Waiting.RemoveFirst();
            if (next.Waiting.Count == 0)
            {
                _waitingOwners--;
            }

            next.Held++;
            _free--;
            (granted ??= []).Add(waiter);
        }

        return granted;
    }

    private void Complete(List<Waiter>? granted)
    {
        foreach (var waiter in granted ?? [])
        {
            waiter.Registration.Dispose();
            if (!waiter.Source.TrySetResult(new Lease(this, waiter.Owner)))
            {
                Release(waiter.Owner);
            }
        }
    }

    /// <summary>A held slot; disposing it gives the slot back (dispose it once).</summary>
    internal readonly struct Lease(FairSlots pool, object owner) : IDisposable
    {
        public void Dispose() => pool?.Release(owner);
    }

    private sealed class Owner
    {
        public int Held { get; set; }

        public LinkedList<Waiter> Waiting { get; } = [];
    }

    private sealed class Waiter
    {
        public Waiter(FairSlots pool, object owner, Owner state, long sequence)
        {
            Pool = pool;
            Owner = owner;
            State = state;
            Sequence = sequence;
            Node = new LinkedListNode<Waiter>(this);
        }

        public object Owner { get; }

        public Owner State { get; }

        public long Sequence { get; }

        public LinkedListNode<Waiter> Node { get; }

        public TaskCompletionSource<Lease> Source { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FairSlots Pool { get; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
