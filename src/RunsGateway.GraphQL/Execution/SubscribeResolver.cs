namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// Creates the source event stream of a subscription root field (spec 6.2.3.1, ResolveFieldEventStream). Each item the
/// stream yields becomes the root value of one execution of the subscription's selection set.
/// </summary>
/// <param name="context">The context of the root field; its arguments are coerced. Valid only until this call returns.</param>
/// <returns>The source stream; it is enumerated once and disposed when the subscriber leaves.</returns>
public delegate ValueTask<IAsyncEnumerable<object?>> SubscribeResolver(IResolverContext context);
