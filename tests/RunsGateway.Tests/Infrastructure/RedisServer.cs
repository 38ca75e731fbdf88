using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunsGateway.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free loopback port in a temporary directory, with persistence off.
/// It can be killed and restarted on the same port to simulate an outage; disposing kills it and removes the directory.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(15);
    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisServer(string directory, int port, bool tls, string[] extraArguments)
    {
        Directory = directory;
        Port = port;
        Tls = tls;
        _extraArguments = extraArguments;
    }

    public string Directory { get; }

    public int Port { get; }

    public bool Tls { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Starts a server; <paramref name="extraArguments"/> are appended to the command line (e.g. --requirepass).</summary>
    public static Task<RedisServer> StartAsync(params string[] extraArguments) => StartCoreAsync(tls: false, extraArguments);

    /// <summary>Starts a TLS-only server with a freshly generated self-signed certificate (<see cref="CertificatePath"/>).</summary>
    public static async Task<RedisServer> StartTlsAsync()
    {
        var directory = CreateDirectory();
        await RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", Path.Combine(directory, "server.key"), "-out", Path.Combine(directory, "server.crt")]);
        return await StartCoreAsync(tls: true, [], directory);
    }

    public string CertificatePath => Path.Combine(Directory, "server.crt");

    /// <summary>Kills the server abruptly (SIGKILL), dropping every connection.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Starts the server again on the same port.</summary>
    public Task RestartAsync() => LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static async Task<RedisServer> StartCoreAsync(bool tls, string[] extraArguments, string? directory = null)
    {
        var server = new RedisServer(directory ?? CreateDirectory(), FreePort(), tls, extraArguments);
        try
        {
            await server.LaunchAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Tls)
        {
            foreach (var argument in (string[])["--port", "0", "--tls-port", port, "--tls-cert-file", CertificatePath,
                "--tls-key-file", Path.Combine(Directory, "server.key"), "--tls-auth-clients", "no"])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(port);
        }

        foreach (var argument in (string[])["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Directory])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in _extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("redis-server exited during startup:\n" + string.Join('\n', output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await ready.Task.WaitAsync(StartupLimit);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException("redis-server did not become ready:\n" + string.Join('\n', output));
        }
    }

    private static string CreateDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rg-redis-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} failed: {await error}");
        }
    }
}

/// <summary>One plain redis-server shared by the tests of a class.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A redis-server with a default-user password and an ACL user, for authentication tests.</summary>
public sealed class AuthRedisServerFixture : IAsyncLifetime
{
    public const string DefaultPassword = "default-Pa55-secret";
    public const string AclUser = "alice";
    public const string AclPassword = "alice-Pa55-secret";

    public RedisServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await RedisServer.StartAsync(
        "--requirepass", DefaultPassword, "--user", AclUser, "on", ">" + AclPassword, "~*", "&*", "+@all");

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
