using RunsGateway.Redis.Tests.Infrastructure;
using static RunsGateway.Redis.Tests.Infrastructure.TestClients;

namespace RunsGateway.Redis.Tests;

public sealed class RedisClientTlsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConnectAsync_RedissWithTrustedCertificateAuthority_RoundTripsOverTls()
    {
        await using var server = await RedisServer.StartTlsAsync();
        await using var client = Create(RedisConfiguration.Parse($"rediss://{server.Endpoint}?sslCaPath={Uri.EscapeDataString(server.CertificatePath)}"));

        await client.SetAsync("tls", Utf8("encrypted"), null, SetCondition.Always, Token);

        Text(await client.GetAsync("tls", Token)).ShouldBe("encrypted");
        client.Protocol.ShouldBe(3);
    }

    [Fact]
    public async Task ConnectAsync_UntrustedServerCertificate_ThrowsConnectionException()
    {
        await using var server = await RedisServer.StartTlsAsync();
        await using var client = Create(RedisConfiguration.Parse($"{server.Endpoint},ssl=true"));

        var exception = await Should.ThrowAsync<RedisConnectionException>(() => client.ConnectAsync(Token));

        exception.Message.ShouldContain(server.Endpoint);
        exception.InnerException.ShouldBeOfType<System.Security.Authentication.AuthenticationException>();
    }
}
