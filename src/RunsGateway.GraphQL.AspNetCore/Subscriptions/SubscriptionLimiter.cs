using Microsoft.Extensions.Options;

namespace RunsGateway.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// Counts the streaming operations in flight per client address and in total, and hands out slots within the limits of
/// <see cref="GraphQLSubscriptionOptions"/>. One per application; per-connection counting is the connection's own.
/// </summary>
internal sealed class SubscriptionLimiter(IOptions<GraphQLSubscriptionOptions> options)
{
    private readonly GraphQLSubscriptionOptions _options = options.Value;
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private int _total;

    /// <summary>The number of operations in flight.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Takes a slot for <paramref name="clientAddress"/>; null when a limit is reached (<paramref name="error"/> says which).</summary>
    public Slot? TryAcquire(string clientAddress, out GraphQLError? error)
    {
        lock (_sync)
        {
            if (_total >= _options.MaxTotal)
            {
                error = LimitError($"The server already runs its limit of {_options.MaxTotal} streaming operations; try again later.", "total");
                return null;
            }

            var current = _perAddress.GetValueOrDefault(clientAddress);
            if (current >= _options.MaxPerClientAddress)
            {
                error = LimitError($"This client address already runs its limit of {_options.MaxPerClientAddress} streaming operations.", "perClientAddress");
                return null;
            }

            _perAddress[clientAddress] = current + 1;
            _total++;
        }

        error = null;
        return new Slot(this, clientAddress);
    }

    /// <summary>The error of a refused operation.</summary>
    public static GraphQLError LimitError(string message, string limit) => new(
        message,
        extensions: new Dictionary<string, object?> { ["code"] = GraphQLSubscriptionErrorCodes.LimitExceeded, ["limit"] = limit });

    private void Release(string clientAddress)
    {
        lock (_sync)
        {
            _total--;
            if (_perAddress.TryGetValue(clientAddress, out var current))
            {
                if (current <= 1)
                {
                    _perAddress.Remove(clientAddress);
                }
                else
                {
                    _perAddress[clientAddress] = current - 1;
                }
            }
        }
    }

    /// <summary>One operation's place within the limits; disposing it (once) gives the place back.</summary>
    public sealed class Slot(SubscriptionLimiter owner, string clientAddress) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(clientAddress);
            }
        }
    }
}
