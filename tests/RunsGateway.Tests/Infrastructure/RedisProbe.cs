using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RunsGateway.Tests.Infrastructure;

/// <summary>
/// Talks to a redis-server directly, over a plain RESP connection of its own, so a test can see what the gateway stored
/// and can stall the server without going through the gateway.
/// </summary>
internal static class RedisProbe
{
    /// <summary>Sends <c>DBSIZE</c> to the server on <paramref name="port"/> and returns its integer reply.</summary>
    public static async Task<long> DbSizeAsync(int port, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync(port, ["DBSIZE"], cancellationToken);
        return reply.StartsWith(':')
            ? long.Parse(reply.AsSpan(1), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("Unexpected DBSIZE reply: " + reply);
    }

    /// <summary>
    /// Sends one command and returns its one-line reply (<c>+OK</c>, <c>:42</c>, <c>-ERR …</c>). Only for commands with a
    /// single-line reply.
    /// </summary>
    public static async Task<string> CommandAsync(int port, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = client.GetStream();
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{arguments.Count}\r\n");
        foreach (var argument in arguments)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);

        var reply = new StringBuilder();
        var buffer = new byte[256];
        while (!reply.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new InvalidOperationException("redis-server closed the connection before answering.");
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString().TrimEnd();
    }
}
