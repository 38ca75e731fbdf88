using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;

namespace RunsGateway.Caching;

/// <summary>
/// Serialises one cached type for Redis with the source-generated <see cref="CacheJsonContext"/>. A payload that cannot be read
/// (written by an older or foreign deployment) reads as null, a miss, and is overwritten by the next store.
/// </summary>
internal sealed class CacheSerializer<T>(JsonTypeInfo<T> typeInfo) : IHybridCacheSerializer<T?>
    where T : class
{
    public T? Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        try
        {
            return JsonSerializer.Deserialize(ref reader, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Serialize(T? value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value!, typeInfo);
    }
}
