using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Execution;

/// <summary>Subscription execution (spec 6.2.3): Subscribe, then MapSourceToResponseEvent over the source stream.</summary>
public sealed partial class RequestExecutor
{
    /// <summary>
    /// Results of source events shared by subscriptions with <see cref="SubscriptionEventOptions.ShareExecution"/>, per
    /// event object: an entry lives as long as its event, so a late subscriber handed the same event reuses the result.
    /// </summary>
    private readonly ConditionalWeakTable<object, SharedEventResults> _sharedEvents = new();

    /// <summary>
    /// Starts a request as a stream of results. A subscription operation resolves its root field's source stream
    /// (<see cref="SubscribeResolver"/>) and executes its selection set once per source event, with the event as root
    /// value; a query or mutation gives a stream of its one result, so a streaming transport can serve every operation.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Ends the subscription: the source stream is disposed and enumeration stops.</param>
    /// <returns>A request error, or the response stream.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the stream was created.</exception>
    public async Task<SubscriptionResult> SubscribeAsync(GraphQLRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = Prepare(request, out var error);
        if (prepared is null)
        {
            return SubscriptionResult.FromError(error!);
        }

        if (prepared.Operation.Operation != OperationType.Subscription)
        {
            var single = await ExecuteOperationAsync(prepared, request, cancellationToken).ConfigureAwait(false);
            return SubscriptionResult.FromStream(Single(single));
        }

        var executor = new OperationExecutor(Schema, prepared.Collector, prepared.Document.Fragments, prepared.Operation, prepared.Variables, request, Options.IncludeExceptionDetails, cancellationToken);
        var (source, errors, events) = await executor.CreateSourceEventStreamAsync(prepared.RootType).ConfigureAwait(false);
        if (source is null)
        {
            return SubscriptionResult.FromError(ExecutionResult.FromErrors(errors));
        }

        return SubscriptionResult.FromStream(MapSourceToResponseEventsAsync(source, prepared, request, events, cancellationToken));
    }

    /// <summary>
    /// Executes the selection set once per source event (or shares another subscription's execution of it), skipping a
    /// result equal to the last one sent when the field asks for that. A source stream that fails ends the response stream
    /// with one last result holding the error (code <c>INTERNAL_SERVER_ERROR</c> unless the source raised a GraphQL error).
    /// </summary>
    private async IAsyncEnumerable<ExecutionResult> MapSourceToResponseEventsAsync(
        IAsyncEnumerable<object?> source,
        PreparedOperation prepared,
        GraphQLRequest request,
        SubscriptionEventOptions events,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var skipUnchanged = events.HasFlag(SubscriptionEventOptions.SkipUnchanged);
        byte[]? lastSent = null;
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                object? sourceEvent;
                ExecutionResult? failure = null;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    sourceEvent = enumerator.Current;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
#pragma warning disable CA1031 // A failing source stream ends the subscription with an error result instead of an exception.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    sourceEvent = null;
                    failure = SourceStreamError(exception);
                }

                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }

                var response = events.HasFlag(SubscriptionEventOptions.ShareExecution) && sourceEvent is not null
                    ? await ExecuteSharedAsync(sourceEvent, prepared, request, skipUnchanged, cancellationToken).ConfigureAwait(false)
                    : await ExecuteEventAsync(sourceEvent, prepared, request, skipUnchanged, cancellationToken).ConfigureAwait(false);
                if (skipUnchanged)
                {
                    if (lastSent is not null && response.Json!.AsSpan().SequenceEqual(lastSent))
                    {
                        continue;
                    }

                    lastSent = response.Json;
                }

                yield return response.Result;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ResponseEvent> ExecuteEventAsync(
        object? sourceEvent, PreparedOperation prepared, GraphQLRequest request, bool withJson, CancellationToken cancellationToken)
    {
        var result = await ExecuteOperationAsync(prepared, request with { RootValue = sourceEvent }, cancellationToken).ConfigureAwait(false);
        return new ResponseEvent(result, withJson ? ToUtf8Json(result) : null);
    }

    /// <summary>
    /// The result of <paramref name="sourceEvent"/> for this operation: executed by the first subscription that asks, awaited
    /// by the others. A subscription whose shared execution was cancelled (its owner left) or failed executes on its own.
    /// </summary>
    private async Task<ResponseEvent> ExecuteSharedAsync(
        object sourceEvent, PreparedOperation prepared, GraphQLRequest request, bool withJson, CancellationToken cancellationToken)
    {
        var results = _sharedEvents.GetValue(sourceEvent, static _ => new SharedEventResults());
        var key = new SharedOperationKey(prepared.Document, prepared.Operation, prepared.Variables);
        if (results.TryJoin(key, out var shared))
        {
            try
            {
                var response = await shared.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                return withJson && response.Json is null ? response with { Json = ToUtf8Json(response.Result) } : response;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return await ExecuteEventAsync(sourceEvent, prepared, request, withJson, cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            var response = await ExecuteEventAsync(sourceEvent, prepared, request, withJson, cancellationToken).ConfigureAwait(false);
            shared.SetResult(response);
            return response;
        }
        catch (Exception exception)
        {
            // Later subscriptions start afresh instead of joining a failed execution.
            results.Remove(key, shared);
            shared.SetException(exception);
            throw;
        }
    }

    private static byte[] ToUtf8Json(ExecutionResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            result.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private ExecutionResult SourceStreamError(Exception exception) => exception switch
    {
        GraphQLException graphQL => ExecutionResult.FromErrors(WithDefaultCode(graphQL.Errors, ErrorCodes.InternalServerError)),
        _ => RequestError(Options.IncludeExceptionDetails ? exception.Message : "The subscription's event stream failed.", ErrorCodes.InternalServerError),
    };

#pragma warning disable CS1998 // An iterator of one already computed result.
    private static async IAsyncEnumerable<ExecutionResult> Single(ExecutionResult result)
#pragma warning restore CS1998
    {
        yield return result;
    }

    /// <summary>A response event and, when unchanged events are skipped, its JSON to compare with the next one.</summary>
    private sealed record ResponseEvent(ExecutionResult Result, byte[]? Json);

    /// <summary>What makes two subscriptions' executions of one event interchangeable: the same operation and variable values.</summary>
    private readonly record struct SharedOperationKey(CachedDocument Document, OperationDefinitionNode Operation, IReadOnlyDictionary<string, object?> Variables)
    {
        public bool Equals(SharedOperationKey other) =>
            ReferenceEquals(Document, other.Document) && ReferenceEquals(Operation, other.Operation) && VariableValues.AreEqual(Variables, other.Variables);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Operation), Variables.Count);
    }

    /// <summary>The executions of one source event, per operation; few operations watch one event, so a list is enough.</summary>
    private sealed class SharedEventResults
    {
        private readonly Lock _sync = new();
        private readonly List<(SharedOperationKey Key, TaskCompletionSource<ResponseEvent> Result)> _results = [];

        /// <summary>True with the pending or finished execution to await; false with a new one this caller must complete.</summary>
        public bool TryJoin(SharedOperationKey key, out TaskCompletionSource<ResponseEvent> result)
        {
            lock (_sync)
            {
                foreach (var entry in _results)
                {
                    if (entry.Key.Equals(key))
                    {
                        result = entry.Result;
                        return true;
                    }
                }

                result = new TaskCompletionSource<ResponseEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
                _results.Add((key, result));
                return false;
            }
        }

        public void Remove(SharedOperationKey key, TaskCompletionSource<ResponseEvent> result)
        {
            lock (_sync)
            {
                _results.RemoveAll(entry => entry.Result == result && entry.Key.Equals(key));
            }
        }
    }
}
