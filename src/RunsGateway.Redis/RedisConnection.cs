using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using RunsGateway.Redis.Protocol;

namespace RunsGateway.Redis;

/// <summary>
/// One physical connection: a writer loop that batches queued commands into as few flushes as possible and a
/// reader loop that parses replies from pooled pipe buffers and hands each to the oldest waiting operation.
/// Replies arrive in the order commands were written, and the queue order is the write order because both are
/// appended under one lock.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private const int FlushThreshold = 256 * 1024;

    private readonly ConcurrentQueue<IRedisOperation> _pending = new();
    private readonly Channel<IRedisOperation> _outgoing = Channel.CreateUnbounded<IRedisOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly Lock _sync = new();
    private readonly RedisConfiguration _configuration;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly TimeProvider _timeProvider;
    private readonly Action<RedisConnection, Exception> _onFailed;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private Exception? _failure;
    private volatile bool _failed;

    private RedisConnection(RedisConfiguration configuration, Socket socket, Stream stream, TimeProvider timeProvider, Action<RedisConnection, Exception> onFailed)
    {
        _configuration = configuration;
        _socket = socket;
        _stream = stream;
        _timeProvider = timeProvider;
        _onFailed = onFailed;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
    }

    /// <summary>Gets the protocol negotiated by the handshake (2 or 3).</summary>
    public int Protocol { get; private set; } = 2;

    public bool IsFailed => _failed;

    /// <summary>Gets the number of operations written or queued that still wait for replies.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Opens the socket, negotiates TLS, authenticates, selects the protocol and database, all within the connect timeout.</summary>
    public static async Task<RedisConnection> ConnectAsync(
        RedisConfiguration configuration,
        TimeProvider timeProvider,
        Action<RedisConnection, Exception> onFailed,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(configuration.ConnectTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RedisConnection? connection = null;
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(configuration.Host, configuration.Port, linked.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (configuration.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(CreateTlsOptions(configuration), linked.Token).ConfigureAwait(false);
            }

            connection = new RedisConnection(configuration, socket, stream, timeProvider, onFailed);
            connection.Start();
            await connection.HandshakeAsync(linked.Token).ConfigureAwait(false);
            return connection;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DisposeFailedAsync(connection, socket).ConfigureAwait(false);
            throw new RedisConnectionException(
                $"Connecting to {configuration.Endpoint} timed out after {configuration.ConnectTimeout.TotalMilliseconds:0} ms (connectTimeout).");
        }
        catch (Exception ex) when (ex is not RedisException and not OperationCanceledException)
        {
            await DisposeFailedAsync(connection, socket).ConfigureAwait(false);
            throw new RedisConnectionException($"Could not connect to {configuration.Endpoint}: {ex.Message}", ex);
        }
        catch
        {
            await DisposeFailedAsync(connection, socket).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Queues an operation; false when the connection has already failed (the caller picks another path).</summary>
    public bool TryEnqueue(IRedisOperation operation)
    {
        lock (_sync)
        {
            if (_failed)
            {
                return false;
            }

            operation.QueuedAt = _timeProvider.GetTimestamp();
            _pending.Enqueue(operation);
            _outgoing.Writer.TryWrite(operation);
            return true;
        }
    }

    /// <summary>
    /// Fails operations waiting longer than the command timeout. They stay queued: their replies may still come
    /// and must be consumed by them so that every later reply reaches the right caller.
    /// </summary>
    public void CheckTimeouts()
    {
        if (!_pending.TryPeek(out var head) || !IsExpired(head, out _))
        {
            return;
        }

        foreach (var operation in _pending)
        {
            if (operation.IsCompleted)
            {
                continue;
            }

            if (!IsExpired(operation, out var elapsed))
            {
                break;
            }

            operation.Fail(new RedisTimeoutException(
                $"Timed out after {elapsed.TotalMilliseconds:0} ms waiting for the reply to {operation.Name} from {_configuration.Endpoint} " +
                $"(commandTimeout {_configuration.CommandTimeout.TotalMilliseconds:0} ms; the command was {(operation.Sent ? "sent" : "not yet sent")}; " +
                $"{_pending.Count} commands awaiting replies on this connection)."));
        }
    }

    /// <summary>Closes the connection and makes every waiting operation fail; the first reason wins.</summary>
    public void Fail(Exception reason)
    {
        lock (_sync)
        {
            if (_failed)
            {
                return;
            }

            _failure = reason;
            _failed = true;
        }

        _outgoing.Writer.TryComplete();
        _input.CancelPendingRead();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the peer.
        }
        catch (ObjectDisposedException)
        {
        }

        _stream.Dispose();
        _onFailed(this, reason);
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(RedisClient), "The Redis client was disposed."));
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
    }

    private static SslClientAuthenticationOptions CreateTlsOptions(RedisConfiguration configuration)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = configuration.SslHost ?? configuration.Host,
            RemoteCertificateValidationCallback = configuration.CertificateValidation,
        };

        if (configuration.SslCaPath is { } caPath && configuration.CertificateValidation is null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caPath);
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        }

        return options;
    }

    private static async Task DisposeFailedAsync(RedisConnection? connection, Socket socket)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            socket.Dispose();
        }
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var endpoint = _configuration.Endpoint;
        CommandOperation<RespValue>? auth = null;
        CommandOperation<RespValue>? hello = null;
        CommandOperation<RespValue>? select = null;
        CommandOperation<RespValue>? setName = null;

        // Sent as one pipeline: AUTH first so that HELLO and SELECT run authenticated.
        if (_configuration.Password is { } password)
        {
            auth = Raw(_configuration.User is { } user ? ["AUTH", user, password] : ["AUTH", password]);
        }

        if (_configuration.Protocol == RedisProtocol.Resp3)
        {
            hello = Raw(["HELLO", 3L]);
        }

        if (_configuration.DefaultDatabase != 0)
        {
            select = Raw(["SELECT", (long)_configuration.DefaultDatabase]);
        }

        if (_configuration.ClientName is { } name)
        {
            setName = Raw(["CLIENT", "SETNAME", name]);
        }

        var ping = Raw(["PING"]);

        if (auth is not null)
        {
            try
            {
                await auth.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RedisServerException ex)
            {
                throw new RedisAuthenticationException(
                    $"Authentication to {endpoint} as user '{_configuration.User ?? "default"}' failed: {ex.ServerMessage}");
            }
        }

        if (hello is not null)
        {
            try
            {
                var reply = await hello.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                Protocol = reply.Type == RespType.Map ? 3 : 2;
            }
            catch (RedisServerException ex) when (!IsAuthenticationError(ex))
            {
                // Servers before 6.0 do not know HELLO; NOPROTO means RESP3 is refused. Both keep RESP2.
                Protocol = 2;
            }
            catch (RedisServerException ex)
            {
                throw NoAuthentication(ex);
            }
        }

        if (select is not null)
        {
            try
            {
                await select.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (!IsAuthenticationError(ex))
            {
                throw new RedisConnectionException(
                    $"Selecting database {_configuration.DefaultDatabase} on {endpoint} failed: {ex.ServerMessage} (check 'defaultDatabase').");
            }
            catch (RedisServerException ex)
            {
                throw NoAuthentication(ex);
            }
        }

        if (setName is not null)
        {
            try
            {
                await setName.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (!IsAuthenticationError(ex))
            {
                // The name is a diagnostic nicety; a server or ACL that refuses it does not stop the connection.
            }
        }

        try
        {
            await ping.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (IsAuthenticationError(ex))
        {
            throw NoAuthentication(ex);
        }

        RedisAuthenticationException NoAuthentication(RedisServerException ex) => new(
            _configuration.Password is null
                ? $"The server at {endpoint} requires authentication but the configuration has no password: {ex.ServerMessage}"
                : $"The server at {endpoint} refused the connection: {ex.ServerMessage}");

        CommandOperation<RespValue> Raw(RedisArg[] args)
        {
            var operation = new CommandOperation<RespValue>(args, static value => value);
            if (!TryEnqueue(operation))
            {
                throw new RedisConnectionException($"The connection to {endpoint} closed during the handshake.", _failure);
            }

            return operation;
        }
    }

    private static bool IsAuthenticationError(RedisServerException exception) =>
        exception.ServerMessage is { } message &&
        (message.StartsWith("NOAUTH", StringComparison.Ordinal) || message.StartsWith("WRONGPASS", StringComparison.Ordinal));

    private bool IsExpired(IRedisOperation operation, out TimeSpan elapsed)
    {
        elapsed = _timeProvider.GetElapsedTime(operation.QueuedAt);
        return elapsed >= _configuration.CommandTimeout;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var operation))
                {
                    operation.Sent = true;
                    operation.Write(_output);
                    if (_output.UnflushedBytes >= FlushThreshold)
                    {
                        await _output.FlushAsync().ConfigureAwait(false);
                    }
                }

                var flushed = await _output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                var buffer = result.Buffer;
                var consumed = ProcessReplies(buffer);
                _input.AdvanceTo(consumed, buffer.End);
                if (result.IsCompleted)
                {
                    error = new IOException("The server closed the connection.");
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }

        Fail(error ?? new IOException("The connection was closed."));
        await _input.CompleteAsync().ConfigureAwait(false);

        // Only this loop dequeues, so draining here cannot race with reply dispatch; TryEnqueue refuses new work once failed.
        var reason = _failure!;
        while (_pending.TryDequeue(out var operation))
        {
            operation.Fail(operation.Sent
                ? new RedisConnectionException(
                    $"The connection to {_configuration.Endpoint} was lost before the reply to {operation.Name} arrived ({reason.Message}); " +
                    "the command was sent and may or may not have been executed.", reason)
                : new RedisConnectionException(
                    $"The connection to {_configuration.Endpoint} was lost before {operation.Name} was sent ({reason.Message}).", reason));
        }
    }

    private SequencePosition ProcessReplies(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (RespParser.TryRead(ref reader, out var reply))
        {
            if (reply.Type == RespType.Push)
            {
                // Out-of-band RESP3 data (no subscriptions are made); it answers no command.
                continue;
            }

            if (!_pending.TryPeek(out var operation))
            {
                throw new RedisProtocolException("Received a reply while no command was waiting for one.");
            }

            if (operation.OnReply(reply))
            {
                _pending.TryDequeue(out _);
            }
        }

        return reader.Position;
    }
}
