using RunsGateway.Redis.Tests.Infrastructure;
using static RunsGateway.Redis.Tests.Infrastructure.TestClients;

namespace RunsGateway.Redis.Tests;

public sealed class RedisClientAuthenticationTests(AuthRedisServerFixture fixture) : IClassFixture<AuthRedisServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConnectAsync_DefaultUserPassword_Authenticates()
    {
        await using var client = Create(fixture.Server, $",password={AuthRedisServerFixture.DefaultPassword}");

        await client.ConnectAsync(Token);

        client.Protocol.ShouldBe(3);
        (await client.ExecuteAsync(["ACL", "WHOAMI"], Token)).AsString().ShouldBe("default");
    }

    [Fact]
    public async Task ConnectAsync_AclUserAndPassword_AuthenticatesAsThatUser()
    {
        await using var client = Create(RedisConfiguration.Parse(
            $"redis://{AuthRedisServerFixture.AclUser}:{AuthRedisServerFixture.AclPassword}@{fixture.Server.Endpoint}"));

        await client.ConnectAsync(Token);

        (await client.ExecuteAsync(["ACL", "WHOAMI"], Token)).AsString().ShouldBe(AuthRedisServerFixture.AclUser);
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_ThrowsAuthenticationExceptionWithoutPassword()
    {
        const string wrong = "not-the-Pa55word";
        await using var client = Create(fixture.Server, $",user={AuthRedisServerFixture.AclUser},password={wrong}");

        var exception = await Should.ThrowAsync<RedisAuthenticationException>(() => client.ConnectAsync(Token));

        exception.Message.ShouldContain("WRONGPASS");
        exception.Message.ShouldContain(AuthRedisServerFixture.AclUser);
        exception.Message.ShouldContain(fixture.Server.Endpoint);
        exception.ToString().ShouldNotContain(wrong);
        client.Configuration.ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task ConnectAsync_NoPasswordWhenServerRequiresOne_ThrowsAuthenticationException()
    {
        await using var client = Create(fixture.Server);

        var exception = await Should.ThrowAsync<RedisAuthenticationException>(() => client.GetAsync("k", Token));

        exception.Message.ShouldContain("requires authentication");
    }

    [Fact]
    public async Task ConnectAsync_DatabaseOutOfRange_ThrowsConnectionExceptionNamingDatabase()
    {
        await using var client = Create(fixture.Server, $",password={AuthRedisServerFixture.DefaultPassword},defaultDatabase=99");

        var exception = await Should.ThrowAsync<RedisConnectionException>(() => client.ConnectAsync(Token));

        exception.Message.ShouldContain("database 99");
        exception.Message.ShouldContain("defaultDatabase");
    }

    [Fact]
    public async Task ConnectAsync_DefaultDatabase_KeysLiveInThatDatabase()
    {
        await using var database5 = Create(fixture.Server, $",password={AuthRedisServerFixture.DefaultPassword},defaultDatabase=5");
        await using var database0 = Create(fixture.Server, $",password={AuthRedisServerFixture.DefaultPassword}");
        var key = "db-scoped:" + Guid.NewGuid().ToString("N");

        await database5.SetAsync(key, Utf8("five"), null, SetCondition.Always, Token);

        Text(await database5.GetAsync(key, Token)).ShouldBe("five");
        (await database0.GetAsync(key, Token)).ShouldBeNull();
    }
}
