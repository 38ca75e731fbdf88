using RunsGateway.Caching;
using StackExchange.Redis;

namespace RunsGateway.Tests.Caching;

public sealed class RedisConnectionStringTests
{
    private const string Secret = "s3cr3t-P@ss";

    [Fact]
    public void Parse_StackExchangeFormat_ReadsEveryOption()
    {
        var options = RedisConnectionString.Parse($"cache.internal:6380,password={Secret},user=gateway,ssl=true,sslHost=redis.example,defaultDatabase=3,connectTimeout=1500,syncTimeout=250,name=gw,abortConnect=false");

        options.EndPoints.Select(EndPointCollection.ToString).ShouldBe(["cache.internal:6380"]);
        options.Password.ShouldBe(Secret);
        options.User.ShouldBe("gateway");
        options.Ssl.ShouldBeTrue();
        options.SslHost.ShouldBe("redis.example");
        options.DefaultDatabase.ShouldBe(3);
        options.ConnectTimeout.ShouldBe(1500);
        options.SyncTimeout.ShouldBe(250);
        options.ClientName.ShouldBe("gw");
    }

    [Fact]
    public void Parse_RedissUrlWithUserPasswordDatabaseAndOptions_ConvertsEverything()
    {
        var options = RedisConnectionString.Parse("rediss://gateway:p%40ss%3Aword@cache.example:6390/4?connectTimeout=900");

        options.Ssl.ShouldBeTrue();
        options.User.ShouldBe("gateway");
        options.Password.ShouldBe("p@ss:word");
        options.EndPoints.Select(EndPointCollection.ToString).ShouldBe(["cache.example:6390"]);
        options.DefaultDatabase.ShouldBe(4);
        options.ConnectTimeout.ShouldBe(900);
    }

    [Fact]
    public void Parse_RedisUrlWithPasswordOnlyAndNoPort_UsesDefaultPortAndNoUser()
    {
        var options = RedisConnectionString.Parse($"redis://:{Secret}@localhost");

        options.User.ShouldBeNull();
        options.Password.ShouldBe(Secret);
        options.Ssl.ShouldBeFalse();
        options.EndPoints.Select(EndPointCollection.ToString).ShouldBe(["localhost:6379"]);
    }

    [Fact]
    public void Parse_UrlWithUnescapedAtSignInPassword_SplitsAtTheLastAt()
    {
        var options = RedisConnectionString.Parse("redis://:pa@ss/word@127.0.0.1:7000?db=2");

        options.Password.ShouldBe("pa@ss/word");
        options.EndPoints.Select(EndPointCollection.ToString).ShouldBe(["127.0.0.1:7000"]);
        options.DefaultDatabase.ShouldBe(2);
    }

    [Theory]
    [InlineData("localhost:6379,password=" + Secret)]
    [InlineData("redis://gateway:" + Secret + "@localhost:6379/2")]
    public void Redact_ConfigurationWithPassword_LeavesThePasswordOut(string text)
    {
        var redacted = RedisConnectionString.Redact(RedisConnectionString.Parse(text));

        redacted.ShouldNotContain(Secret);
        redacted.ShouldContain("localhost:6379");
    }

    [Theory]
    [InlineData("localhost,password=" + Secret + ",bogus=" + Secret)]
    [InlineData("localhost,password=" + Secret + ",connectTimeout=abc")]
    [InlineData("password=" + Secret)]
    [InlineData("redis://:" + Secret + "@localhost/notanumber")]
    [InlineData("redis://:" + Secret + "@/")]
    [InlineData("redis://localhost?password=" + Secret + ",x")]
    [InlineData("   ")]
    public void TryParse_InvalidText_FailsWithAMessageWithoutTheSecret(string text)
    {
        RedisConnectionString.TryParse(text, out var options, out var error).ShouldBeFalse();

        options.ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
        error.ShouldNotContain(Secret);
    }

    [Fact]
    public void TryParse_OptionWithAnInvalidValue_NamesTheOptionButNotTheValue()
    {
        RedisConnectionString.TryParse($"localhost,connectTimeout={Secret}", out _, out var error).ShouldBeFalse();

        error.ShouldBe("The Redis connection string has an invalid or unsupported option 'connectTimeout'.");
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionNamingTheProblem()
    {
        var exception = Should.Throw<FormatException>(() => RedisConnectionString.Parse($"redis://:{Secret}@localhost/db"));

        exception.Message.ShouldBe("The Redis URL path must be a database number.");
    }
}
