using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RunsGateway.Tests.Integration;

/// <summary>Optional client authentication (API keys or JWTs) and per-client rate limits on GraphQL operations.</summary>
public sealed class AuthTests
{
    private const string AliceKey = "alice-key-0123456789abcdef";
    private const string BobKey = "bob-key-0123456789abcdef";

    private static Task<GatewayHost> StartWithApiKeysAsync(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Auth:Mode"] = "apikey",
            ["Gateway:Auth:ApiKeys:alice"] = AliceKey,
            ["Gateway:Auth:ApiKeys:bob"] = BobKey,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return GatewayHost.StartAsync(settings);
    }

    private static async Task<(HttpStatusCode Status, HttpResponseMessage Response, JsonObject Body)> PostAsync(GatewayHost host, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        headers?.Invoke(request.Headers);
        var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        return (response.StatusCode, response, body);
    }

    private static string Code(JsonObject body) => body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task Post_ApiKeyModeWithoutKey_Is401GraphQLJson()
    {
        await using var host = await StartWithApiKeysAsync();

        var (status, response, body) = await PostAsync(host);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldNotBeEmpty();
        Code(body).ShouldBe("UNAUTHENTICATED");
        body.ContainsKey("data").ShouldBeFalse();
    }

    [Fact]
    public async Task Post_ApiKeyModeWithWrongKey_Is401()
    {
        await using var host = await StartWithApiKeysAsync();

        var (status, _, body) = await PostAsync(host, h => h.Add("X-Api-Key", AliceKey + "x"));

        status.ShouldBe(HttpStatusCode.Unauthorized);
        Code(body).ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Post_ApiKeyModeWithKey_RunsTheOperation()
    {
        await using var host = await StartWithApiKeysAsync();

        var (status, _, body) = await PostAsync(host, h => h.Add("X-Api-Key", BobKey));

        status.ShouldBe(HttpStatusCode.OK);
        body["data"]!["__typename"]!.GetValue<string>().ShouldBe("Query");
    }

    [Fact]
    public async Task Get_IdePageInApiKeyMode_LoadsWithoutKey()
    {
        await using var host = await StartWithApiKeysAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task Start_ApiKeyModeWithoutKeys_RefusesNamingTheKey()
    {
        var failure = await Should.ThrowAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Auth:Mode"] = "apikey" }));

        failure.ToString().ShouldContain("Gateway:Auth:ApiKeys");
    }

    [Fact]
    public async Task Post_PastTheClientsRateLimit_Is429WithRetryAfterAndOtherClientsAreUnaffected()
    {
        await using var host = await StartWithApiKeysAsync(new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:PermitLimit"] = "2",
            ["Gateway:RateLimit:Window"] = "00:10:00",
        });

        var first = await PostAsync(host, h => h.Add("X-Api-Key", AliceKey));
        var second = await PostAsync(host, h => h.Add("X-Api-Key", AliceKey));
        var third = await PostAsync(host, h => h.Add("X-Api-Key", AliceKey));
        var bob = await PostAsync(host, h => h.Add("X-Api-Key", BobKey));

        first.Status.ShouldBe(HttpStatusCode.OK);
        second.Status.ShouldBe(HttpStatusCode.OK);
        third.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Response.Headers.RetryAfter.ShouldNotBeNull();
        Code(third.Body).ShouldBe("RATE_LIMITED");
        third.Body["errors"]![0]!["extensions"]!["retryAfter"]!.GetValue<int>().ShouldBeGreaterThan(0);
        bob.Status.ShouldBe(HttpStatusCode.OK, "limits are per client");
    }

    [Fact]
    public async Task Post_JwtModeWithATokenFromTheAuthority_RunsTheOperationAndWithoutIsRejected()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "test-key" };
        await using var issuer = await StartIssuerAsync(key);
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Auth:Mode"] = "jwt",
            ["Gateway:Auth:Authority"] = issuer.Urls.First(),
            ["Gateway:Auth:Audience"] = "runsgateway",
            ["Gateway:Auth:RequireHttpsMetadata"] = "false",
        });
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.Urls.First(),
            Audience = "runsgateway",
            Subject = new ClaimsIdentity([new Claim("sub", "dashboard")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

        var accepted = await PostAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token));
        var rejected = await PostAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token + "x"));

        accepted.Status.ShouldBe(HttpStatusCode.OK);
        accepted.Body["data"]!["__typename"]!.GetValue<string>().ShouldBe("Query");
        rejected.Status.ShouldBe(HttpStatusCode.Unauthorized);
        Code(rejected.Body).ShouldBe("UNAUTHENTICATED");
    }

    /// <summary>A loopback token issuer: OpenID metadata and the signing key set, as an identity provider publishes them.</summary>
    private static async Task<WebApplication> StartIssuerAsync(RsaSecurityKey key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var self = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object> { ["issuer"] = self, ["jwks_uri"] = self + "/jwks" });
        });
        app.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = key.KeyId!,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        }));
        await app.StartAsync();
        return app;
    }
}
