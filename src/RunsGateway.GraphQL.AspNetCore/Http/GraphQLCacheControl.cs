namespace RunsGateway.GraphQL.AspNetCore;

/// <summary>
/// How long the answer to a GET query may be cached by browsers and CDNs. Resolvers find it in the request's context data
/// (<see cref="GraphQLHttpContextData.CacheControl"/>) and narrow it: the answer gets <c>Cache-Control: public, max-age</c> with
/// the shortest lifetime any resolver allowed, and only when at least one allowed one, none forbade caching and there are no errors.
/// </summary>
public sealed class GraphQLCacheControl
{
    private readonly Lock _sync = new();
    private TimeSpan? _maxAge;
    private bool _noStore;

    /// <summary>The lifetime of the answer, or null when it must not be stored.</summary>
    public TimeSpan? MaxAge
    {
        get
        {
            lock (_sync)
            {
                return _noStore ? null : _maxAge;
            }
        }
    }

    /// <summary>Allows caching for at most <paramref name="maxAge"/> (a shorter lifetime given elsewhere wins).</summary>
    public void CacheFor(TimeSpan maxAge)
    {
        lock (_sync)
        {
            _maxAge = _maxAge is { } current && current < maxAge ? current : maxAge;
        }
    }

    /// <summary>Forbids storing the answer (for example because it holds something still changing).</summary>
    public void NoStore()
    {
        lock (_sync)
        {
            _noStore = true;
        }
    }
}
