using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RunsGateway.Hosting.Auth;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against <see cref="GatewayAuthOptions.ApiKeys"/>. Keys are compared as SHA-256 digests in
/// constant time, every configured key each time, so neither the match nor the key length shows in the timing.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<GatewayAuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(GatewayAuthOptions.ApiKeyHeader, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!));
        string? client = null;
        foreach (var (name, key) in auth.Value.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                client ??= name;
            }
        }

        if (client is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, client), new Claim(ClientIdentity.ClientClaim, client)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
