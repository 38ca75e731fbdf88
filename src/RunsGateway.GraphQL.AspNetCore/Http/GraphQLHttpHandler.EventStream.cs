using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RunsGateway.GraphQL.AspNetCore.Subscriptions;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>GraphQL over Server-Sent Events, distinct connections mode (graphql-sse PROTOCOL.md).</summary>
internal sealed partial class GraphQLHttpHandler
{
    /// <summary>
    /// Streams the results of one operation as <c>next</c> events followed by <c>complete</c>. Errors before execution
    /// (validation, limits) are <c>next</c> events too, as the protocol requires; the client ends a subscription by
    /// closing the connection.
    /// </summary>
    private async Task ServeEventStreamAsync(HttpContext context, GraphQLRequest? request, IReadOnlyDictionary<string, object?> contextData, ExecutionResult? requestError = null)
    {
        var aborted = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaTypes.EventStream + "; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        await using var stream = new EventStreamWriter(response.BodyWriter, aborted);
        try
        {
            await response.StartAsync(aborted).ConfigureAwait(false);
            if (requestError is not null || request is null)
            {
                await stream.WriteNextAsync(requestError ?? ExecutionResult.FromError(GraphQLError.WithCode("The request has no query document.", ErrorCodes.BadRequest))).ConfigureAwait(false);
                await stream.WriteCompleteAsync().ConfigureAwait(false);
                return;
            }

            using var slot = _streaming.Limiter.TryAcquire(ClientAddressOf(context), out var limitError);
            if (slot is null)
            {
                await stream.WriteNextAsync(ExecutionResult.FromError(limitError!)).ConfigureAwait(false);
                await stream.WriteCompleteAsync().ConfigureAwait(false);
                return;
            }

            var result = await _executor.SubscribeAsync(request, aborted).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                await stream.WriteNextAsync(ApplyInterceptors(_interceptors, context, contextData, error)).ConfigureAwait(false);
                await stream.WriteCompleteAsync().ConfigureAwait(false);
                return;
            }

            using var keepAlive = _streaming.Options.KeepAliveInterval > TimeSpan.Zero
                ? _streaming.TimeProvider.CreateTimer(static state => ((EventStreamWriter)state!).KeepAlive(), stream, _streaming.Options.KeepAliveInterval, _streaming.Options.KeepAliveInterval)
                : null;
            await foreach (var item in result.Events!.WithCancellation(aborted).ConfigureAwait(false))
            {
                await stream.WriteNextAsync(ApplyInterceptors(_interceptors, context, contextData, item)).ConfigureAwait(false);
            }

            await stream.WriteCompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client closed the stream: that is how a subscription ends in this mode.
        }
#pragma warning disable CA1031 // A failure ends the stream with a generic error event; details go to the log only.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogExecutionFailed(_logger, exception);
            await stream.TryWriteFailureAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The client's address for the per-address limit; the proxy-forwarded one when forwarded headers are applied.</summary>
    internal static string ClientAddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Writes SSE events to the response pipe, one writer at a time (results and keep-alive comments).</summary>
    private sealed class EventStreamWriter(PipeWriter body, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private static readonly JsonWriterOptions JsonOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly SemaphoreSlim _gate = new(1, 1);
        private bool _completed;

        public Task WriteNextAsync(ExecutionResult result) => WriteAsync(writer =>
        {
            writer.Write("event: next\ndata: "u8);
            using (var json = new Utf8JsonWriter((IBufferWriter<byte>)writer, JsonOptions))
            {
                result.WriteTo(json);
            }

            writer.Write("\n\n"u8);
        });

        public async Task WriteCompleteAsync()
        {
            // An empty data field, so that an EventSource fires the complete listener.
            await WriteAsync(static writer => writer.Write("event: complete\ndata:\n\n"u8)).ConfigureAwait(false);
            _completed = true;
        }

        public async Task TryWriteFailureAsync()
        {
            if (_completed || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await WriteNextAsync(ExecutionResult.FromError(GraphQLError.WithCode(
                    "An unexpected error occurred while executing the request.", GraphQLHttpErrorCodes.InternalServerError))).ConfigureAwait(false);
                await WriteCompleteAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The stream is already broken; nothing more can be said to the client.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        /// <summary>A comment line that keeps proxies from closing a quiet stream; skipped when a write is in progress.</summary>
        public void KeepAlive()
        {
            if (!_gate.Wait(0))
            {
                return;
            }

            _ = FlushKeepAliveAsync();
        }

        private async Task FlushKeepAliveAsync()
        {
            try
            {
                body.Write(":\n\n"u8);
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A keep-alive on a closed stream is no error; the main loop notices the abort.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task WriteAsync(Action<PipeWriter> write)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                write(body);
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Wait for a keep-alive write in progress before the response ends.
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            _gate.Release();
            _gate.Dispose();
        }
    }
}
