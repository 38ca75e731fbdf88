using System.Runtime.CompilerServices;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Execution;

/// <summary>Subscription execution (spec 6.2.3): Subscribe, then MapSourceToResponseEvent over the source stream.</summary>
public sealed partial class RequestExecutor
{
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
        var (source, errors) = await executor.CreateSourceEventStreamAsync(prepared.RootType).ConfigureAwait(false);
        if (source is null)
        {
            return SubscriptionResult.FromError(ExecutionResult.FromErrors(errors));
        }

        return SubscriptionResult.FromStream(MapSourceToResponseEventsAsync(source, prepared, request, cancellationToken));
    }

    /// <summary>
    /// Executes the selection set once per source event. A source stream that fails ends the response stream with one
    /// last result holding the error (code <c>INTERNAL_SERVER_ERROR</c> unless the source raised a GraphQL error).
    /// </summary>
    private async IAsyncEnumerable<ExecutionResult> MapSourceToResponseEventsAsync(
        IAsyncEnumerable<object?> source,
        PreparedOperation prepared,
        GraphQLRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

                yield return await ExecuteOperationAsync(prepared, request with { RootValue = sourceEvent }, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
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
}
