using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

/// <summary>
/// Hosts <see cref="TestSchema"/> with Kestrel on a free loopback port: <c>/graphql</c> with default options and
/// <c>/graphql-post-only</c> with GET and the IDE off and a 1 KiB body limit.
/// </summary>
public sealed class GraphQLTestServer : IAsyncLifetime
{
    private readonly ConcurrentBag<(Func<RecordedRequest, bool> Predicate, TaskCompletionSource<RecordedRequest> Seen)> _waiters = [];
    private WebApplication? _app;

    internal TestProbes Probes { get; } = new();

    /// <summary>Requests seen by the server (method, path, body of POSTs to a GraphQL path).</summary>
    internal ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Whether <see cref="Requests"/> keeps POST bodies (buffering them changes how the transport reads).</summary>
    internal bool RecordBodies { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Uri GraphQLUrl => new(BaseAddress, "/graphql");

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Probes);
        builder.Services.AddScoped<RequestScope>();
        builder.Services.AddSingleton<IGraphQLRequestInterceptor, HeaderEchoInterceptor>();
        builder.Services.AddGraphQLHttp(services => TestSchema.Build(services.GetRequiredService<TestProbes>()));

        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            // Lets tests compare the request's own scope with what resolvers saw.
            context.Response.Headers["X-Scope-Id"] = context.RequestServices.GetRequiredService<RequestScope>().Id;
            string? body = null;
            if (RecordBodies && HttpMethods.IsPost(context.Request.Method))
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
                body = await reader.ReadToEndAsync(context.RequestAborted);
                context.Request.Body.Position = 0;
            }

            await next(context);
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body, context.Response.StatusCode);
            Requests.Enqueue(recorded);
            foreach (var waiter in _waiters)
            {
                if (waiter.Predicate(recorded))
                {
                    waiter.Seen.TrySetResult(recorded);
                }
            }
        });
        _app.MapGraphQL("/graphql");
        _app.MapGraphQL("/graphql-post-only").WithOptions(options =>
        {
            options.AllowGetRequests = false;
            options.EnableIde = false;
            options.MaxRequestBodySize = 1024;
        });

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    /// <summary>Completes with the first request (already seen or still to come) that matches <paramref name="predicate"/>.</summary>
    internal async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((predicate, seen));
        if (Requests.FirstOrDefault(predicate) is { } earlier)
        {
            seen.TrySetResult(earlier);
        }

        return await seen.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
    }

    /// <summary>POSTs <paramref name="body"/> as is, with the given content type and accept headers (null: none).</summary>
    public async Task<GraphQLHttpResponse> PostAsync(string path, string body, string? contentType = "application/json", string? accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await SendAsync(request);
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> with the given accept header (null: none).</summary>
    public async Task<GraphQLHttpResponse> GetAsync(string pathAndQuery, string? accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await SendAsync(request);
    }

    public async Task<GraphQLHttpResponse> SendAsync(HttpRequestMessage request)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var response = await Client.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new GraphQLHttpResponse((int)response.StatusCode, response.Content.Headers.ContentType, response.Headers, response.Content.Headers, bytes);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>One request the test server saw.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Body, int StatusCode);

/// <summary>A response read to the end.</summary>
public sealed record GraphQLHttpResponse(
    int StatusCode,
    MediaTypeHeaderValue? ContentType,
    HttpResponseHeaders Headers,
    HttpContentHeaders ContentHeaders,
    byte[] Body)
{
    public string MediaType => ContentType?.MediaType ?? "";

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The body parsed as JSON (fails the test when it is not JSON).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The <c>extensions.code</c> of the first error.</summary>
    public string? FirstErrorCode => Json.GetProperty("errors")[0].TryGetProperty("extensions", out var extensions)
        && extensions.TryGetProperty("code", out var code) ? code.GetString() : null;
}
