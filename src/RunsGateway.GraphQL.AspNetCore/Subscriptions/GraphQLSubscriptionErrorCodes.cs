namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Stable <c>extensions.code</c> values of the streaming transports' own errors.</summary>
public static class GraphQLSubscriptionErrorCodes
{
    /// <summary>
    /// A streaming operation was refused because a limit of <see cref="GraphQLSubscriptionOptions"/> is reached; the
    /// error's <c>extensions.limit</c> names it (<c>perConnection</c>, <c>perClientAddress</c> or <c>total</c>).
    /// </summary>
    public const string LimitExceeded = "SUBSCRIPTION_LIMIT_EXCEEDED";
}
