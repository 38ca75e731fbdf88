using Microsoft.Extensions.Logging.Abstractions;

namespace RunsGateway.Redis.Tests.Infrastructure;

/// <summary>Creates clients against a test server.</summary>
internal static class TestClients
{
    public static RedisClient Create(RedisServer server, string options = "") =>
        new(RedisConfiguration.Parse($"{server.Endpoint},connectTimeout=5000,syncTimeout=5000{options}"), TimeProvider.System, NullLogger<RedisClient>.Instance);

    public static RedisClient Create(RedisConfiguration configuration) =>
        new(configuration, TimeProvider.System, NullLogger<RedisClient>.Instance);

    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string? Text(byte[]? bytes) => bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes (only for waiting on a real external process).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(limit.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
