using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunsGateway.Redis.Tests.Infrastructure;
using static RunsGateway.Redis.Tests.Infrastructure.TestClients;

namespace RunsGateway.Redis.Tests;

public sealed class RedisServiceCollectionExtensionsTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRedisCache(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddRedisCache_ConnectionString_ResolvesOneCacheForBothInterfaces()
    {
        var prefix = $"di-{Guid.NewGuid():N}:";
        await using var provider = Build(new() { ["ConnectionStrings:Redis"] = fixture.Server.Endpoint, ["Redis:KeyPrefix"] = prefix });

        var batch = provider.GetRequiredService<IBatchCache>();
        await batch.SetManyAsync([new CacheEntry("k", Utf8("v"), TimeSpan.FromMinutes(1))], Token);

        provider.GetRequiredService<IDistributedCache>().ShouldBeSameAs(batch);
        Text(await provider.GetRequiredService<RedisClient>().GetAsync(prefix + "k", Token)).ShouldBe("v");
    }

    [Fact]
    public async Task AddRedisCache_CalledTwice_RegistersOneHealthCheck()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "localhost" }).Build();

        services.AddRedisCache(configuration).AddRedisCache(configuration);

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ShouldBe(["redis"]);
    }

    [Fact]
    public async Task AddRedisCache_NoConnectionString_StartupValidationNamesTheKey()
    {
        await using var provider = Build([]);

        var exception = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        exception.Message.ShouldContain("ConnectionStrings:Redis is required");
    }

    [Fact]
    public async Task AddRedisCache_InvalidConnectionString_StartupValidationFailsWithoutPassword()
    {
        const string secret = "hunter2-Secret";
        await using var provider = Build(new() { ["ConnectionStrings:Redis"] = $"localhost,password={secret},timeout=5" });

        var exception = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        exception.Message.ShouldContain("ConnectionStrings:Redis is invalid");
        exception.Message.ShouldContain("'timeout'");
        exception.Message.ShouldNotContain(secret);
    }

    [Fact]
    public async Task HealthCheck_ServerUp_ReportsRedisHealthy()
    {
        await using var provider = Build(new() { ["ConnectionStrings:Redis"] = fixture.Server.Endpoint });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);

        report.Entries["redis"].Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task HealthCheck_ServerDown_ReportsRedisUnhealthyWithinTimeout()
    {
        await using var server = await RedisServer.StartAsync();
        await server.KillAsync();
        await using var provider = Build(new() { ["ConnectionStrings:Redis"] = server.Endpoint, ["Redis:HealthCheckTimeout"] = "00:00:01" });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        report.Entries["redis"].Status.ShouldBe(HealthStatus.Unhealthy);
        report.Entries["redis"].Description.ShouldNotBeNull().ShouldContain(server.Endpoint);
    }
}
