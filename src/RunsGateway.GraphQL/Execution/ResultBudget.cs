using System.Globalization;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// Bounds what one execution may build: list items across the whole response (<see cref="ExecutionOptions.MaxResultItems"/>) and an
/// estimate of the serialized size (<see cref="ExecutionOptions.MaxResponseBytes"/>). Counted while values complete, so an
/// amplifying query (many aliases of a large list) is stopped before its response is built; crossing a limit cancels the execution.
/// </summary>
internal sealed class ResultBudget : IDisposable
{
    private readonly long _maxItems;
    private readonly long _maxBytes;
    private readonly CancellationTokenSource _abort;
    private long _items;
    private long _bytes;
    private string? _exceeded;

    public ResultBudget(long maxItems, long maxBytes, CancellationToken cancellationToken)
    {
        _maxItems = maxItems <= 0 ? long.MaxValue : maxItems;
        _maxBytes = maxBytes <= 0 ? long.MaxValue : maxBytes;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The execution's token: cancelled by the caller's token or when a limit is crossed.</summary>
    public CancellationToken Token => _abort.Token;

    /// <summary>The message of the crossed limit, or null while within both.</summary>
    public string? Exceeded => Volatile.Read(ref _exceeded);

    /// <summary>Counts the items of one completed list.</summary>
    public void AddItems(int count)
    {
        var total = Interlocked.Add(ref _items, count);
        if (total > _maxItems)
        {
            AbortItems();
        }
    }

    /// <summary>Counts the estimated serialized size of one completed leaf value and its response key.</summary>
    /// <summary>
    /// Fails the response now when <paramref name="more"/> items, certain to come (aliases of a list already completed), would take
    /// it past the limit: an amplification by aliases stops at its first list instead of after the limit's worth of items.
    /// </summary>
    public void ExpectItems(long more)
    {
        if (Interlocked.Read(ref _items) + more > _maxItems)
        {
            AbortItems();
        }
    }

    public void AddLeaf(string responseKey, object? serialized)
    {
        var size = responseKey.Length + 4 + serialized switch
        {
            null => 4,
            string text => text.Length + 2,
            _ => 8,
        };
        var total = Interlocked.Add(ref _bytes, size);
        if (total > _maxBytes)
        {
            Abort(string.Create(CultureInfo.InvariantCulture, $"The response would be larger than {_maxBytes} bytes; select fewer fields or smaller lists."));
        }
    }

    public void Dispose() => _abort.Dispose();

    private void AbortItems() => Abort(string.Create(CultureInfo.InvariantCulture, $"The response would hold more than {_maxItems} list items; select fewer fields or smaller lists."));

    private void Abort(string message)
    {
        if (Interlocked.CompareExchange(ref _exceeded, message, null) is null)
        {
            _abort.Cancel();
        }
    }
}
