using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Execution;

/// <summary>CreateSourceEventStream (spec 6.2.3.1) for a subscription operation.</summary>
internal sealed partial class OperationExecutor
{
    /// <summary>
    /// Resolves the source stream of the operation's single root field; on failure returns no stream and the errors,
    /// located at the root field. <c>Events</c> is the root field's <see cref="FieldDefinition.SubscriptionEvents"/>.
    /// </summary>
    public async ValueTask<(IAsyncEnumerable<object?>? Source, IReadOnlyList<GraphQLError> Errors, SubscriptionEventOptions Events)> CreateSourceEventStreamAsync(ObjectType rootType)
    {
        var plan = _collector.GetRootPlan(Operation, rootType);

        // Validation (Single root field) guarantees exactly one field, and never __typename.
        var selection = plan.Fields[0];
        var field = selection.Field!;
        if (field.Subscriber is not { } subscribe)
        {
            return (null, [GraphQLError.WithCode(
                $"The subscription field \"{rootType.Name}.{field.Name}\" has no event stream (no subscribe resolver).",
                ErrorCodes.InternalServerError)], SubscriptionEventOptions.None);
        }

        var path = new PathSegment(null, selection.ResponseKey);
        try
        {
            var arguments = field.Arguments.Count == 0 ? NoArguments : CoerceArguments(selection, field);

            // Never returned to the pool: the subscriber may keep reading it while it creates its stream.
            var context = ResolverContext.Rent(this, RootValue, rootType, selection, arguments, null);
            var source = await subscribe(context).ConfigureAwait(false);
            if (source is null)
            {
                RecordError(GraphQLError.WithCode("The subscribe resolver returned no event stream.", ErrorCodes.InternalServerError), selection, path);
            }
            else
            {
                return (source, [], field.SubscriptionEvents);
            }
        }
#pragma warning disable CA1031 // Every failure to create the source stream becomes a request error (spec 6.2.3.1).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RecordException(exception, selection, path);
            if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
            {
                throw;
            }
        }

        return (null, (IReadOnlyList<GraphQLError>?)_errors ?? [], field.SubscriptionEvents);
    }
}
