namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>Where automatic persisted queries are kept, by their SHA-256 hash (lower-case hex).</summary>
public interface IPersistedOperationStore
{
    /// <summary>The document stored under <paramref name="hash"/>, or null.</summary>
    ValueTask<string?> GetAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="document"/> under <paramref name="hash"/> (already checked to be its hash).</summary>
    ValueTask SaveAsync(string hash, string document, CancellationToken cancellationToken);
}
