using StackExchange.Redis;

namespace RunsGateway.Caching;

/// <summary>
/// The one StackExchange.Redis connection of the gateway, shared by the distributed cache, the purge channel and the health check.
/// It is opened on first use without failing when Redis is down (<c>abortConnect=false</c>), reconnects in the background, and fails
/// commands at once while disconnected (<see cref="BacklogPolicy.FailFast"/>) instead of queueing them until their timeout.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;

    public RedisConnection(ConfigurationOptions configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration.Clone();
        Configuration.AbortOnConnectFail = false;
        Configuration.BacklogPolicy = BacklogPolicy.FailFast;
        Description = RedisConnectionString.Redact(Configuration);
        _multiplexer = new(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The configuration in use (with the password: never log it; use <see cref="Description"/>).</summary>
    public ConfigurationOptions Configuration { get; }

    /// <summary>The configuration without its password, for logs, errors and health reports.</summary>
    public string Description { get; }

    /// <summary>The endpoints, as <c>host:port</c>, for messages.</summary>
    public string Endpoints => string.Join(", ", Configuration.EndPoints.Select(EndPointCollection.ToString));

    /// <summary>The connection, opened on first use.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    /// <summary>Whether the connection has been opened (a purge or lookup used it) and is connected now.</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully && _multiplexer.Value.Result.IsConnected;

    /// <summary>Replaces every occurrence of the password in <paramref name="text"/> (for messages that came from elsewhere).</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Configuration.Password is { Length: > 0 } password ? text.Replace(password, "*****", StringComparison.Ordinal) : text;
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(Configuration).ConfigureAwait(false);
}
