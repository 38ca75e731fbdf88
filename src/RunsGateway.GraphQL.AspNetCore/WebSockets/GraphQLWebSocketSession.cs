using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RunsGateway.GraphQL.AspNetCore.Http;
using RunsGateway.GraphQL.AspNetCore.Subscriptions;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// One <c>graphql-transport-ws</c> socket: connection_init within the timeout, ping/pong, subscribe/next/error/complete
/// with any number of interleaved operations, and the protocol's close codes. Sends are serialised; each operation awaits
/// its own sends, so a slow client holds back its operations' streams instead of growing a queue.
/// </summary>
internal sealed partial class GraphQLWebSocketSession : IAsyncDisposable
{
    /// <summary>The WebSocket sub-protocol this session speaks.</summary>
    public const string SubProtocol = "graphql-transport-ws";

    /// <summary>The context data key under which resolvers find the <c>connection_init</c> payload.</summary>
    public const string ConnectionInitPayloadKey = "GraphQL.WebSocket.ConnectionInitPayload";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly RequestExecutor _executor;
    private readonly IGraphQLRequestInterceptor[] _interceptors;
    private readonly StreamingServices _streaming;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown;
    private readonly CancellationTokenSource _receive;
    private readonly string _clientAddress;
    private IReadOnlyDictionary<string, object?>? _initPayload;
    private int _initState; // 0: waiting for connection_init, 1: init received, 2: acknowledged
    private int _closing;

    public GraphQLWebSocketSession(WebSocket socket, HttpContext context, RequestExecutor executor, IGraphQLRequestInterceptor[] interceptors, StreamingServices streaming)
    {
        _socket = socket;
        _context = context;
        _executor = executor;
        _interceptors = interceptors;
        _streaming = streaming;
        _logger = streaming.LoggerFactory.CreateLogger<GraphQLWebSocketSession>();
        _shutdown = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        _receive = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        _clientAddress = GraphQLHttpHandler.ClientAddressOf(context);
    }

    /// <summary>Serves the socket until it closes; every operation has ended when this returns.</summary>
    public async Task RunAsync()
    {
        var initTimeout = CloseUnlessInitialisedAsync();
        try
        {
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away, or it did not answer our close frame in time.
        }
        catch (WebSocketException exception)
        {
            LogSocketFailed(_logger, exception.WebSocketErrorCode);
        }
        finally
        {
            await _shutdown.CancelAsync().ConfigureAwait(false);
            foreach (var operation in _operations.Values)
            {
                await operation.CancelAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(_operations.Values.Select(static o => o.Completion)).ConfigureAwait(false);
            await initTimeout.ConfigureAwait(false);
        }
    }

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(_streaming.Options.ConnectionInitTimeout, _streaming.TimeProvider, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (Volatile.Read(ref _initState) == 0)
        {
            await CloseAsync(4408, "Connection initialisation timeout").ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var maxSize = _streaming.Options.MaxMessageSize;
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var received = await _socket.ReceiveAsync(memory, _receive.Token).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await SendCloseFrameAsync(WebSocketCloseStatus.NormalClosure, null).ConfigureAwait(false);
                }

                return;
            }

            buffer.Advance(received.Count);
            if (buffer.WrittenCount > maxSize)
            {
                await CloseAsync(4400, "Message too large").ConfigureAwait(false);
                buffer.Clear();
                continue;
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            if (Volatile.Read(ref _closing) == 0)
            {
                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    await CloseAsync(4400, "Binary messages are not supported").ConfigureAwait(false);
                }
                else
                {
                    await HandleMessageAsync(buffer.WrittenMemory).ConfigureAwait(false);
                }
            }

            buffer.Clear();
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            await CloseAsync(4400, "Invalid message: not JSON").ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                await CloseAsync(4400, "Invalid message: no type").ConfigureAwait(false);
                return;
            }

            switch (typeElement.GetString())
            {
                case "connection_init":
                    await OnConnectionInitAsync(root).ConfigureAwait(false);
                    break;
                case "ping":
                    await SendAsync(static writer => writer.WriteString("type"u8, "pong"u8)).ConfigureAwait(false);
                    break;
                case "pong":
                    break;
                case "subscribe":
                    await OnSubscribeAsync(root).ConfigureAwait(false);
                    break;
                case "complete":
                    if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                        && _operations.TryRemove(id.GetString()!, out var operation))
                    {
                        // Removed first, so the client may reuse the id at once; the operation sends nothing more.
                        await operation.CancelAsync().ConfigureAwait(false);
                    }
                    else if (!(root.TryGetProperty("id", out id) && id.ValueKind == JsonValueKind.String))
                    {
                        await CloseAsync(4400, "Invalid message: complete without an id").ConfigureAwait(false);
                    }

                    break;
                default:
                    await CloseAsync(4400, "Invalid message type").ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task OnConnectionInitAsync(JsonElement message)
    {
        if (Interlocked.CompareExchange(ref _initState, 1, 0) != 0)
        {
            await CloseAsync(4429, "Too many initialisation requests").ConfigureAwait(false);
            return;
        }

        if (message.TryGetProperty("payload", out var payload))
        {
            if (payload.ValueKind == JsonValueKind.Object)
            {
                _initPayload = JsonInput.FromElement(payload) as IReadOnlyDictionary<string, object?>;
            }
            else if (payload.ValueKind != JsonValueKind.Null)
            {
                await CloseAsync(4400, "Invalid message: the connection_init payload must be an object").ConfigureAwait(false);
                return;
            }
        }

        foreach (var interceptor in _streaming.WebSocketInterceptors)
        {
            if (!await interceptor.OnConnectAsync(_context, _initPayload, _shutdown.Token).ConfigureAwait(false))
            {
                await CloseAsync(4403, "Forbidden").ConfigureAwait(false);
                return;
            }
        }

        await SendAsync(static writer => writer.WriteString("type"u8, "connection_ack"u8)).ConfigureAwait(false);
        Volatile.Write(ref _initState, 2);
    }

    private async Task OnSubscribeAsync(JsonElement message)
    {
        if (Volatile.Read(ref _initState) != 2)
        {
            await CloseAsync(4401, "Unauthorized").ConfigureAwait(false);
            return;
        }

        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } id)
        {
            await CloseAsync(4400, "Invalid message: subscribe needs a non-empty string id").ConfigureAwait(false);
            return;
        }

        if (!message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            await CloseAsync(4400, "Invalid message: subscribe needs a payload object").ConfigureAwait(false);
            return;
        }

        var parameters = GraphQLRequestParser.ParseBody(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload.GetRawText())), out var error);
        if (error is not null)
        {
            await CloseAsync(4400, Truncate("Invalid message: " + error.Message)).ConfigureAwait(false);
            return;
        }

        if (_operations.ContainsKey(id))
        {
            await CloseAsync(4409, Truncate($"Subscriber for {id} already exists")).ConfigureAwait(false);
            return;
        }

        var (document, persistedError) = await _streaming.PersistedOperations.ResolveAsync(parameters, _shutdown.Token).ConfigureAwait(false);
        if (persistedError is not null)
        {
            await SendErrorAsync(id, [persistedError]).ConfigureAwait(false);
            return;
        }

        parameters = parameters with { Query = document! };

        if (_operations.Count >= _streaming.Options.MaxPerConnection)
        {
            await SendErrorAsync(id, [SubscriptionLimiter.LimitError(
                $"This connection already runs its limit of {_streaming.Options.MaxPerConnection} operations.", "perConnection")]).ConfigureAwait(false);
            return;
        }

        var slot = _streaming.Limiter.TryAcquire(_clientAddress, out var limitError);
        if (slot is null)
        {
            await SendErrorAsync(id, [limitError!]).ConfigureAwait(false);
            return;
        }

        var request = Http.GraphQLHttpHandler.CreateRequest(_interceptors, _context, parameters, ConnectionInitPayloadKey, _initPayload);
        var operation = new Operation(id, slot, _shutdown.Token);
        _operations[id] = operation;
        operation.Start(RunOperationAsync(operation, request, request.ContextData!));
    }

    private async Task RunOperationAsync(Operation operation, GraphQLRequest request, IReadOnlyDictionary<string, object?> contextData)
    {
        // Off the receive loop: the loop must keep reading pings and completes while this operation runs.
        await Task.Yield();
        var token = operation.Token;
        try
        {
            var result = await _executor.SubscribeAsync(request, token).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                if (_operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation)))
                {
                    await SendErrorAsync(operation.Id, ApplyInterceptors(contextData, error).Errors).ConfigureAwait(false);
                }

                return;
            }

            await foreach (var item in result.Events!.WithCancellation(token).ConfigureAwait(false))
            {
                var payload = ApplyInterceptors(contextData, item);
                await SendAsync(writer =>
                {
                    writer.WriteString("id"u8, operation.Id);
                    writer.WriteString("type"u8, "next"u8);
                    writer.WritePropertyName("payload"u8);
                    payload.WriteTo(writer);
                }).ConfigureAwait(false);
            }

            if (_operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation)))
            {
                await SendAsync(writer =>
                {
                    writer.WriteString("id"u8, operation.Id);
                    writer.WriteString("type"u8, "complete"u8);
                }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client completed the operation, or the socket is closing.
        }
        catch (WebSocketException)
        {
            // The socket broke; RunAsync ends the session.
        }
#pragma warning disable CA1031 // An unexpected failure ends this operation with a generic error; details go to the log only.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogOperationFailed(_logger, exception);
            if (_operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation)))
            {
                await SendErrorAsync(operation.Id, [GraphQLError.WithCode(
                    "An unexpected error occurred while executing the request.", GraphQLHttpErrorCodes.InternalServerError)]).ConfigureAwait(false);
            }
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation));
            operation.Slot.Dispose();
        }
    }

    private ExecutionResult ApplyInterceptors(IReadOnlyDictionary<string, object?> contextData, ExecutionResult result) =>
        Http.GraphQLHttpHandler.ApplyInterceptors(_interceptors, _context, contextData, result);

    private Task SendErrorAsync(string id, IReadOnlyList<GraphQLError> errors) => SendAsync(writer =>
    {
        writer.WriteString("id"u8, id);
        writer.WriteString("type"u8, "error"u8);
        writer.WritePropertyName("payload"u8);
        writer.WriteStartArray();
        foreach (var error in errors)
        {
            ExecutionResult.WriteError(writer, error);
        }

        writer.WriteEndArray();
    });

    /// <summary>Sends one JSON message (the properties <paramref name="writeProperties"/> writes); nothing once closing.</summary>
    private async Task SendAsync(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        await _sendGate.WaitAsync(_shutdown.Token).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closing) == 0 && _socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, _shutdown.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>
    /// Closes the socket with a protocol close code: stops every operation, sends the close frame and gives the client a
    /// few seconds to answer it before the receive loop is cancelled.
    /// </summary>
    private async Task CloseAsync(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        LogClosing(_logger, code, reason);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await SendCloseFrameAsync((WebSocketCloseStatus)code, reason).ConfigureAwait(false);
        _receive.CancelAfter(CloseHandshakeTimeout);
    }

    private async Task SendCloseFrameAsync(WebSocketCloseStatus status, string? reason)
    {
        await _sendGate.WaitAsync(_receive.Token).ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, reason, _receive.Token).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private static string Truncate(string reason)
    {
        // A close reason is at most 123 bytes of UTF-8.
        if (Encoding.UTF8.GetByteCount(reason) <= 123)
        {
            return reason;
        }

        var length = Math.Min(reason.Length, 120);
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > 120)
        {
            length--;
        }

        return string.Concat(reason.AsSpan(0, length), "...");
    }

    public ValueTask DisposeAsync()
    {
        _shutdown.Dispose();
        _receive.Dispose();
        _sendGate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One running operation of the socket.</summary>
    private sealed class Operation(string id, SubscriptionLimiter.Slot slot, CancellationToken sessionToken)
    {
        private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(sessionToken);

        public string Id { get; } = id;

        public SubscriptionLimiter.Slot Slot { get; } = slot;

        public CancellationToken Token => _cancellation.Token;

        public Task Completion { get; private set; } = Task.CompletedTask;

        public void Start(Task running) => Completion = running;

        public Task CancelAsync() => _cancellation.CancelAsync();
    }
}
