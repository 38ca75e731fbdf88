namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Stable <c>extensions.code</c> values of persisted-operation errors.</summary>
public static class PersistedOperationErrorCodes
{
    /// <summary>A hash without a document that this server does not know; the client should send the document too (message <c>PersistedQueryNotFound</c>, as Apollo clients expect).</summary>
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>The document does not hash to the given <c>sha256Hash</c>.</summary>
    public const string HashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";

    /// <summary>The <c>persistedQuery</c> extension is malformed (version other than 1, hash not 64 hex digits).</summary>
    public const string Invalid = "PERSISTED_QUERY_INVALID";

    /// <summary>Only persisted documents run here (<c>GraphQL:PersistedOperations:OnlyPersisted</c>).</summary>
    public const string OnlyPersisted = "PERSISTED_QUERY_ONLY";

    /// <summary>Automatic persisted queries are turned off, so a document cannot be registered.</summary>
    public const string NotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";
}
