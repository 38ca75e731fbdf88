using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunsGateway.Hosting;
using RunsGateway.Tests.Infrastructure;

namespace RunsGateway.Tests.Integration;

/// <summary>The shipped <c>appsettings.json</c> keeps logs quiet under load; client faults are never logged as server errors.</summary>
public sealed class LoggingTests
{
    private static string AppSettingsPath => Path.Combine(
        typeof(LoggingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "src", "RunsGateway", "appsettings.json");

    private static void UseShippedSettings(WebApplicationBuilder builder, CapturingLoggerProvider capture)
    {
        builder.Configuration.AddJsonFile(AppSettingsPath, optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Json"] = "false" });
        builder.Logging.AddProvider(capture);
    }

    [Fact]
    public async Task Requests_WithTheShippedSettings_LogNoLinePerRequestOrVendorCall()
    {
        using var capture = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(configure: builder => UseShippedSettings(builder, capture));
        var runs = await host.RunsAsync("ccextractor", "running");
        var before = capture.Entries.Count;

        foreach (var run in runs.Take(5))
        {
            var response = await host.QueryAsync($$"""{ run(vendor: CCEXTRACTOR, runId: "{{run.RunId}}") { runId summary { total } } }""");
            response["errors"].ShouldBeNull();
        }

        capture.Entries.Skip(before).Where(e => e.Level >= LogLevel.Information).ShouldBeEmpty("five requests and ten vendor calls log nothing at the default level");
    }

    [Fact]
    public async Task Requests_WithAccessLogOn_LogOneLinePerRequest()
    {
        using var capture = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?> { ["Gateway:AccessLog"] = "true" },
            configure: builder => UseShippedSettings(builder, capture));
        var before = capture.Entries.Count;

        await host.QueryAsync("{ __typename }");
        await host.QueryAsync("{ __typename }");

        // The combined line is written when the response completes, which may be just after the client has read it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (capture.Entries.Skip(before).Count(e => e.Level >= LogLevel.Information) < 2 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var lines = capture.Entries.Skip(before).Where(e => e.Level >= LogLevel.Information).ToList();
        lines.Count.ShouldBe(2);
        lines.ShouldAllBe(line => line.Message.Contains("/graphql", StringComparison.Ordinal) && !line.Message.Contains("__typename", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DemoModeWithTheShippedSettings_LogsWhereTheSimulatorListens()
    {
        using var capture = new CapturingLoggerProvider();
        await using var gateway = await GatewayApplication.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            UseShippedSettings(builder, capture);
        }, TestContext.Current.CancellationToken);
        await gateway.StartAsync(TestContext.Current.CancellationToken);

        capture.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains("Demo mode", StringComparison.Ordinal) && e.Message.Contains("http://127.0.0.1:", StringComparison.Ordinal));
        await gateway.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Post_InvalidChunkSize_AnswersBadRequestJsonAndLogsNoError()
    {
        using var capture = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(configure: builder => UseShippedSettings(builder, capture));
        var endpoint = host.GraphQLEndpoint;
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var request = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        response.ShouldStartWith("HTTP/1.1 400");
        response.ShouldContain("\"code\":\"BAD_REQUEST\"");
        capture.Entries.Where(e => e.Level >= LogLevel.Error).ShouldBeEmpty();
    }
}
