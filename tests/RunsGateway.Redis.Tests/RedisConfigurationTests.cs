namespace RunsGateway.Redis.Tests;

public sealed class RedisConfigurationTests
{
    private const string Secret = "s3cr3t-P@ss";

    [Fact]
    public void Parse_StackExchangeStyleString_ReadsEveryOption()
    {
        var configuration = RedisConfiguration.Parse(
            $"cache.internal:6380,password={Secret},user=gateway,ssl=true,sslHost=redis.example,defaultDatabase=3,connectTimeout=1500,syncTimeout=250,name=gw,protocol=resp2,abortConnect=false");

        configuration.Host.ShouldBe("cache.internal");
        configuration.Port.ShouldBe(6380);
        configuration.Password.ShouldBe(Secret);
        configuration.User.ShouldBe("gateway");
        configuration.Ssl.ShouldBeTrue();
        configuration.SslHost.ShouldBe("redis.example");
        configuration.DefaultDatabase.ShouldBe(3);
        configuration.ConnectTimeout.ShouldBe(TimeSpan.FromMilliseconds(1500));
        configuration.CommandTimeout.ShouldBe(TimeSpan.FromMilliseconds(250));
        configuration.ClientName.ShouldBe("gw");
        configuration.Protocol.ShouldBe(RedisProtocol.Resp2);
    }

    [Fact]
    public void Parse_HostWithoutOptions_UsesDefaults()
    {
        var configuration = RedisConfiguration.Parse("localhost");

        configuration.Port.ShouldBe(6379);
        configuration.Ssl.ShouldBeFalse();
        configuration.DefaultDatabase.ShouldBe(0);
        configuration.CommandTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        configuration.Protocol.ShouldBe(RedisProtocol.Resp3);
    }

    [Fact]
    public void Parse_AsyncTimeoutAndSyncTimeout_AsyncTimeoutWins()
    {
        RedisConfiguration.Parse("h:1,asyncTimeout=700,syncTimeout=100").CommandTimeout.ShouldBe(TimeSpan.FromMilliseconds(700));
    }

    [Theory]
    [InlineData("[::1]:7000", "::1", 7000)]
    [InlineData("::1", "::1", 6379)]
    [InlineData("10.0.0.5:7001", "10.0.0.5", 7001)]
    public void Parse_Endpoint_ReadsHostAndPort(string text, string host, int port)
    {
        var configuration = RedisConfiguration.Parse(text);

        configuration.Host.ShouldBe(host);
        configuration.Port.ShouldBe(port);
    }

    [Fact]
    public void Parse_RedissUrlWithUserPasswordAndDatabase_ReadsEverything()
    {
        var configuration = RedisConfiguration.Parse("rediss://gateway:p%40ss%3Aword@cache.example:6390/4?connectTimeout=900&protocol=resp2");

        configuration.Ssl.ShouldBeTrue();
        configuration.User.ShouldBe("gateway");
        configuration.Password.ShouldBe("p@ss:word");
        configuration.Host.ShouldBe("cache.example");
        configuration.Port.ShouldBe(6390);
        configuration.DefaultDatabase.ShouldBe(4);
        configuration.ConnectTimeout.ShouldBe(TimeSpan.FromMilliseconds(900));
        configuration.Protocol.ShouldBe(RedisProtocol.Resp2);
    }

    [Fact]
    public void Parse_RedisUrlWithPasswordOnly_HasNoUser()
    {
        var configuration = RedisConfiguration.Parse($"redis://:{Secret}@localhost");

        configuration.User.ShouldBeNull();
        configuration.Password.ShouldBe(Secret);
        configuration.Port.ShouldBe(6379);
        configuration.Ssl.ShouldBeFalse();
    }

    [Fact]
    public void ToString_WithPassword_RedactsIt()
    {
        var fromString = RedisConfiguration.Parse($"localhost:6379,user=gateway,password={Secret},ssl=true");
        var fromUrl = RedisConfiguration.Parse($"redis://gateway:{Secret}@localhost:6379/2");

        fromString.ToString().ShouldNotContain(Secret);
        fromString.ToString().ShouldContain("password=*****");
        fromUrl.ToString().ShouldNotContain(Secret);
        fromUrl.ToString().ShouldContain("defaultDatabase=2");
    }

    [Fact]
    public void ToString_Output_ParsesBackToSameSettings()
    {
        var original = RedisConfiguration.Parse("cache:6380,user=u,ssl=true,defaultDatabase=5,connectTimeout=1234,syncTimeout=321,protocol=resp2");

        var reparsed = RedisConfiguration.Parse(original.ToString());

        reparsed.ToString().ShouldBe(original.ToString());
    }

    [Theory]
    [InlineData($"localhost,{Secret}")]
    [InlineData($"localhost,password={Secret},bogus={Secret}")]
    [InlineData($"localhost,password={Secret},connectTimeout=abc")]
    [InlineData($"localhost:99999,password={Secret}")]
    [InlineData($"password={Secret}")]
    [InlineData($"redis://:{Secret}@localhost/notanumber")]
    public void Parse_Invalid_ThrowsFormatExceptionWithoutSecret(string text)
    {
        var exception = Should.Throw<FormatException>(() => RedisConfiguration.Parse(text));

        exception.Message.ShouldNotContain(Secret);
        exception.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryParse_UnknownOption_NamesTheOption()
    {
        RedisConfiguration.TryParse("localhost,retries=3", out _, out var error).ShouldBeFalse();

        error.ShouldBe("The Redis configuration has an unknown option 'retries'.");
    }
}
