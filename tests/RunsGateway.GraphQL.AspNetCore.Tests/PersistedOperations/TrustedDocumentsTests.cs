using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunsGateway.GraphQL.AspNetCore.PersistedOperations;
using RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

namespace RunsGateway.GraphQL.AspNetCore.Tests.PersistedOperations;

/// <summary>Trusted documents from a directory with <c>OnlyPersisted</c> on.</summary>
public sealed class TrustedDocumentsTests : IAsyncLifetime
{
    private const string Trusted = "{ add(a: 2, b: 3) }";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "trusted-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, PersistedOperationResolver.HashOf(Trusted) + ".graphql"), Trusted, TestContext.Current.CancellationToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGraphQLHttp(_ => TestSchema.Build(new TestProbes()));
        builder.Services.Configure<GraphQLPersistedOperationOptions>(options =>
        {
            options.Directory = _directory;
            options.OnlyPersisted = true;
        });
        _app = builder.Build();
        _app.MapGraphQL("/graphql");
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task<JsonElement> PostAsync(object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/graphql", content, TestContext.Current.CancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    private static string? CodeOf(JsonElement response) => response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    [Fact]
    public async Task Post_TrustedHashAlone_Runs()
    {
        var response = await PostAsync(new { extensions = new { persistedQuery = new { version = 1, sha256Hash = PersistedOperationResolver.HashOf(Trusted) } } });

        response.GetProperty("data").GetProperty("add").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task Post_OtherDocument_RefusedWithPersistedQueryOnly()
    {
        var response = await PostAsync(new { query = "{ hello }" });

        CodeOf(response).ShouldBe(PersistedOperationErrorCodes.OnlyPersisted);
    }

    [Fact]
    public async Task Post_RegistrationOfNewDocument_RefusedWithPersistedQueryOnly()
    {
        const string query = "{ hello }";

        var response = await PostAsync(new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = PersistedOperationResolver.HashOf(query) } } });

        CodeOf(response).ShouldBe(PersistedOperationErrorCodes.OnlyPersisted);
    }

    [Fact]
    public async Task Post_IntrospectionDocument_RunsForTheIde()
    {
        var response = await PostAsync(new { query = "{ __schema { queryType { name } } }" });

        response.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString().ShouldBe("Query");
    }

    [Fact]
    public void Validate_FileNotMatchingItsName_FailsNamingTheKey()
    {
        var directory = Path.Combine(_directory, "bad");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, PersistedOperationResolver.HashOf("{ hello }") + ".graphql"), "{ add(a: 1, b: 1) }");

        var result = new GraphQLPersistedOperationOptionsValidator().Validate(Options.DefaultName, new GraphQLPersistedOperationOptions { Directory = directory });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("GraphQL:PersistedOperations:Directory");
        result.FailureMessage.ShouldContain("does not hash to its name");
    }
}
