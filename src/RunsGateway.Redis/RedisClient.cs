using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RunsGateway.Redis.Protocol;

namespace RunsGateway.Redis;

/// <summary>How <c>SET</c> treats an existing key.</summary>
internal enum SetCondition
{
    Always,

    /// <summary><c>NX</c>: only when the key does not exist.</summary>
    NotExists,

    /// <summary><c>XX</c>: only when the key exists.</summary>
    Exists,
}

/// <summary>One page of <c>SCAN</c>: the cursor for the next call (0 when done) and the keys found.</summary>
internal sealed record RedisScanPage(long Cursor, IReadOnlyList<string> Keys);

/// <summary>
/// The process-wide Redis client: one multiplexed, pipelined connection to one endpoint, shared by every caller.
/// The connection is opened on first use and re-opened in the background with exponential backoff when it drops;
/// while it is down, commands fail fast with <see cref="RedisConnectionException"/> instead of queueing.
/// </summary>
internal sealed partial class RedisClient : IAsyncDisposable
{
    private readonly Lock _sync = new();
    private readonly RedisConfiguration _configuration;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timeoutTimer;
    private volatile RedisConnection? _connection;
    private Task<RedisConnection>? _connecting;
    private Task _connectLoop = Task.CompletedTask;
    private bool _connectLoopRunning;
    private Exception? _lastError;

    public RedisClient(RedisConfiguration configuration, TimeProvider timeProvider, ILogger<RedisClient> logger)
    {
        _configuration = configuration;
        _timeProvider = timeProvider;
        _logger = logger;

        // One timer per client rather than one per command: a command may overrun its timeout by one period.
        var period = TimeSpan.FromTicks(Math.Clamp(configuration.CommandTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 500));
        _timeoutTimer = timeProvider.CreateTimer(static state => ((RedisClient)state!)._connection?.CheckTimeouts(), this, period, period);
    }

    /// <summary>Gets the configuration (its ToString() hides the password).</summary>
    public RedisConfiguration Configuration => _configuration;

    /// <summary>Gets a value indicating whether a connection is currently established.</summary>
    public bool IsConnected => _connection is { IsFailed: false };

    /// <summary>Gets the protocol of the current connection (2 or 3), or 0 when disconnected.</summary>
    public int Protocol => _connection is { IsFailed: false } connection ? connection.Protocol : 0;

    /// <summary>Connects now instead of on first use; throws when the attempt fails.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken) =>
        await GetConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Sends PING and returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        await ExecuteAsync(new CommandOperation<bool>(["PING"], static _ => true), cancellationToken).ConfigureAwait(false);
        return _timeProvider.GetElapsedTime(started);
    }

    /// <summary>GET: the value, or null when the key does not exist.</summary>
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ExecuteAsync(new CommandOperation<byte[]?>(["GET", key], static reply => reply.AsBytes()), cancellationToken);

    /// <summary>MGET: one value (or null) per key, in key order, in one command.</summary>
    public Task<byte[]?[]> MGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return Task.FromResult(Array.Empty<byte[]?>());
        }

        return ExecuteAsync(new MGetOperation(keys), cancellationToken);
    }

    /// <summary>Several MGETs written in one flush and answered in one round trip; one array of values per key set.</summary>
    public Task<byte[]?[][]> MGetManyAsync(IReadOnlyList<IReadOnlyList<string>> keySets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keySets);
        foreach (var keys in keySets)
        {
            ArgumentOutOfRangeException.ThrowIfZero(keys.Count, nameof(keySets));
        }

        return keySets.Count == 0
            ? Task.FromResult(Array.Empty<byte[]?[]>())
            : ExecuteAsync(new PipelinedMGetOperation(keySets), cancellationToken);
    }

    /// <summary>SET with an optional expiry (EX for whole seconds, PX otherwise) and NX/XX; false when the condition was not met.</summary>
    public Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry, SetCondition condition, CancellationToken cancellationToken)
    {
        var args = new List<RedisArg>(6) { "SET", key, value };
        if (expiry is { } ttl)
        {
            var milliseconds = ToMilliseconds(ttl);
            if (milliseconds % 1000 == 0)
            {
                args.Add("EX");
                args.Add(milliseconds / 1000);
            }
            else
            {
                args.Add("PX");
                args.Add(milliseconds);
            }
        }

        if (condition != SetCondition.Always)
        {
            args.Add(condition == SetCondition.NotExists ? "NX" : "XX");
        }

        return ExecuteAsync(new CommandOperation<bool>([.. args], static reply => !reply.IsNull), cancellationToken);
    }

    /// <summary>DEL: the number of keys removed.</summary>
    public Task<long> DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => CountKeys("DEL", keys, cancellationToken);

    /// <summary>UNLINK: like DEL, but the memory is reclaimed in the background.</summary>
    public Task<long> UnlinkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => CountKeys("UNLINK", keys, cancellationToken);

    /// <summary>EXISTS: how many of the keys exist (a key named twice counts twice).</summary>
    public Task<long> ExistsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => CountKeys("EXISTS", keys, cancellationToken);

    /// <summary>EXPIRE (or PEXPIRE for sub-second precision): false when the key does not exist.</summary>
    public Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var milliseconds = ToMilliseconds(timeToLive);
        RedisArg[] args = milliseconds % 1000 == 0 ? ["EXPIRE", key, milliseconds / 1000] : ["PEXPIRE", key, milliseconds];
        return ExecuteAsync(new CommandOperation<bool>(args, static reply => reply.AsInt64() == 1), cancellationToken);
    }

    /// <summary>TTL in seconds; -1 when the key has no expiry, -2 when it does not exist.</summary>
    public Task<long> TtlAsync(string key, CancellationToken cancellationToken) =>
        ExecuteAsync(new CommandOperation<long>(["TTL", key], static reply => reply.AsInt64()), cancellationToken);

    /// <summary>INFO, optionally for one section, as the server's text.</summary>
    public Task<string> InfoAsync(string? section, CancellationToken cancellationToken) =>
        ExecuteAsync(new CommandOperation<string>(section is null ? ["INFO"] : ["INFO", section], static reply => reply.AsString() ?? string.Empty), cancellationToken);

    /// <summary>One SCAN call.</summary>
    public Task<RedisScanPage> ScanAsync(long cursor, string? pattern, int? count, CancellationToken cancellationToken)
    {
        var args = new List<RedisArg>(6) { "SCAN", cursor };
        if (pattern is not null)
        {
            args.Add("MATCH");
            args.Add(pattern);
        }

        if (count is { } pageSize)
        {
            args.Add("COUNT");
            args.Add(pageSize);
        }

        return ExecuteAsync(new CommandOperation<RedisScanPage>([.. args], static reply =>
        {
            var items = reply.Items;
            if (items.Length != 2)
            {
                throw reply.Unexpected("a two-element SCAN");
            }

            return new RedisScanPage(items[0].AsInt64(), Array.ConvertAll(items[1].Items, static key => key.AsString() ?? string.Empty));
        }), cancellationToken);
    }

    /// <summary>Iterates SCAN to the end; keys may repeat, as SCAN guarantees only that each present key is seen at least once.</summary>
    public async IAsyncEnumerable<string> ScanKeysAsync(string? pattern, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long cursor = 0;
        do
        {
            var page = await ScanAsync(cursor, pattern, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var key in page.Keys)
            {
                yield return key;
            }

            cursor = page.Cursor;
        }
        while (cursor != 0);
    }

    /// <summary>One GET per key, all written in one flush and answered in one round trip.</summary>
    public Task<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 0
            ? Task.FromResult(Array.Empty<byte[]?>())
            : ExecuteAsync(new PipelinedGetOperation(keys), cancellationToken);
    }

    /// <summary>One SET (with its own expiry) per item, all written in one flush.</summary>
    public Task SetManyAsync(IReadOnlyList<RedisSetItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count == 0 ? Task.CompletedTask : ExecuteAsync(new PipelinedSetOperation(items), cancellationToken);
    }

    /// <summary>GETRANGE: bytes <paramref name="start"/>..<paramref name="end"/> (inclusive), null when the key does not exist.</summary>
    public Task<byte[]?> GetRangeAsync(string key, long start, long end, CancellationToken cancellationToken) =>
        ExecuteAsync(new CommandOperation<byte[]?>(["GETRANGE", key, start, end], static reply =>
        {
            var bytes = reply.AsBytes();
            return bytes is { Length: 0 } ? null : bytes;
        }), cancellationToken);

    /// <summary>Any command, with the raw reply; error replies throw <see cref="RedisServerException"/>.</summary>
    public Task<RespValue> ExecuteAsync(RedisArg[] args, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(args.Length);
        return ExecuteAsync(new CommandOperation<RespValue>(args, static reply => reply), cancellationToken);
    }

    /// <summary>
    /// Any commands written in one flush and answered in one round trip; error replies are returned as values
    /// so that one failing command does not hide the others' results.
    /// </summary>
    public Task<RespValue[]> ExecuteBatchAsync(IReadOnlyList<RedisArg[]> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            ArgumentOutOfRangeException.ThrowIfZero(command.Length, nameof(commands));
        }

        return commands.Count == 0
            ? Task.FromResult(Array.Empty<RespValue>())
            : ExecuteAsync(new PipelineOperation(commands), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        RedisConnection? connection;
        lock (_sync)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            connection = _connection;
            _connection = null;
        }

        await _timeoutTimer.DisposeAsync().ConfigureAwait(false);
        await _connectLoop.ConfigureAwait(false);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _disposed.Dispose();
    }

    internal static long ToMilliseconds(TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);

        // Round up so that a positive expiry never becomes 0 (which Redis rejects) or expires early.
        return (long)Math.Ceiling(timeToLive.TotalMilliseconds);
    }

    internal Task<T> ExecuteAsync<T>(RedisOperation<T> operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (_connection is { } connection && connection.TryEnqueue(operation))
        {
            operation.AttachCancellation(cancellationToken);
            return operation.Task;
        }

        return ExecuteWhenConnectedAsync(operation, cancellationToken);
    }

    private static RedisArg[] WithKeys(string command, IReadOnlyList<string> keys)
    {
        var args = new RedisArg[keys.Count + 1];
        args[0] = command;
        for (var i = 0; i < keys.Count; i++)
        {
            args[i + 1] = keys[i];
        }

        return args;
    }

    private Task<long> CountKeys(string command, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 0
            ? Task.FromResult(0L)
            : ExecuteAsync(new CommandOperation<long>(WithKeys(command, keys), static reply => reply.AsInt64()), cancellationToken);
    }

    private async Task<T> ExecuteWhenConnectedAsync<T>(RedisOperation<T> operation, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!connection.TryEnqueue(operation))
        {
            throw new RedisConnectionException($"The connection to {_configuration.Endpoint} was lost before {operation.Name} could be sent.");
        }

        operation.AttachCancellation(cancellationToken);
        return await operation.Task.ConfigureAwait(false);
    }

    private async Task<RedisConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        Task<RedisConnection>? attempt;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_connection is { IsFailed: false } current)
            {
                return current;
            }

            if (!_connectLoopRunning)
            {
                StartConnectLoop();
            }

            attempt = _connecting;
        }

        if (attempt is null)
        {
            // Between reconnection attempts: fail now rather than make every caller wait out the backoff.
            throw new RedisConnectionException(
                $"No connection to {_configuration.Endpoint} is available; reconnecting in the background (last error: {_lastError?.Message ?? "none"}).",
                _lastError);
        }

        return await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Called with _sync held.
    private void StartConnectLoop()
    {
        var first = NewAttempt();
        _connecting = first.Task;
        _connectLoopRunning = true;
        _connectLoop = Task.Run(() => ConnectLoopAsync(first));
    }

    private static TaskCompletionSource<RedisConnection> NewAttempt()
    {
        var attempt = new TaskCompletionSource<RedisConnection>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Nobody may be waiting on a background attempt; observe its failure so it is not reported as unobserved.
        attempt.Task.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return attempt;
    }

    private async Task ConnectLoopAsync(TaskCompletionSource<RedisConnection> attempt)
    {
        var failures = 0;
        while (true)
        {
            RedisConnection? connection = null;
            Exception? error = null;
            try
            {
                connection = await RedisConnection.ConnectAsync(_configuration, _timeProvider, OnConnectionFailed, _disposed.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            var established = false;
            lock (_sync)
            {
                _connecting = null;
                if (connection is { IsFailed: false } && !_disposed.IsCancellationRequested)
                {
                    _connection = connection;
                    _connectLoopRunning = false;
                    _lastError = null;
                    established = true;
                }
                else
                {
                    error ??= new RedisConnectionException($"The connection to {_configuration.Endpoint} closed right after it was established.");
                    _lastError = error;
                }
            }

            if (established)
            {
                LogConnected(_configuration.Endpoint, connection!.Protocol, _configuration.DefaultDatabase);
                attempt.TrySetResult(connection);
                return;
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            attempt.TrySetException(error is RedisException or OperationCanceledException
                ? error
                : new RedisConnectionException($"Could not connect to {_configuration.Endpoint}: {error!.Message}", error));

            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            failures++;
            var delay = Backoff(failures);
            LogConnectFailed(_configuration.Endpoint, failures, (long)delay.TotalMilliseconds, error!.Message);
            try
            {
                await Task.Delay(delay, _timeProvider, _disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_sync)
            {
                if (_disposed.IsCancellationRequested)
                {
                    return;
                }

                attempt = NewAttempt();
                _connecting = attempt.Task;
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var delay = _configuration.ReconnectMinDelay * factor;
        return delay > _configuration.ReconnectMaxDelay ? _configuration.ReconnectMaxDelay : delay;
    }

    private void OnConnectionFailed(RedisConnection connection, Exception reason)
    {
        lock (_sync)
        {
            if (_connection != connection)
            {
                return;
            }

            _connection = null;
            _lastError = reason;
            if (!_disposed.IsCancellationRequested && !_connectLoopRunning)
            {
                StartConnectLoop();
            }
        }

        LogConnectionLost(_configuration.Endpoint, reason.Message);
    }
}
