namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// A small pool of recycled objects per thread: renting and returning take no lock and allocate nothing once warm. An object
/// rented on one thread may be returned on another; a full pool drops what is returned to the garbage collector.
/// </summary>
/// <typeparam name="T">The recycled type; its owner resets an object before returning it.</typeparam>
internal static class PerThreadPool<T>
    where T : class
{
    private const int Size = 64;

    [ThreadStatic]
    private static T[]? t_items;

    [ThreadStatic]
    private static int t_count;

    /// <summary>A recycled object, or null when this thread's pool is empty.</summary>
    public static T? TryRent()
    {
        var items = t_items;
        if (items is null || t_count == 0)
        {
            return null;
        }

        var item = items[--t_count];
        items[t_count] = null!;
        return item;
    }

    /// <summary>Keeps <paramref name="item"/> for a later <see cref="TryRent"/> on this thread (unless the pool is full).</summary>
    public static void Return(T item)
    {
        var items = t_items ??= new T[Size];
        if (t_count < items.Length)
        {
            items[t_count++] = item;
        }
    }
}
