using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RunsGateway.Hosting.Auth;

/// <summary>Registers and maps client authentication (<c>Gateway:Auth</c>) and per-client rate limits (<c>Gateway:RateLimit</c>).</summary>
internal static class GatewayAuthExtensions
{
    public const string RateLimitedCode = "RATE_LIMITED";

    public static void AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var auth = builder.Configuration.GetSection(GatewayAuthOptions.SectionName).Get<GatewayAuthOptions>() ?? new GatewayAuthOptions();
        services.AddOptions<GatewayAuthOptions>().BindConfiguration(GatewayAuthOptions.SectionName)
            .Validate(o => o.Problem() is null, "Gateway:Auth is misconfigured: " + (auth.Problem() ?? "see the other Gateway:Auth keys.")).ValidateOnStart();
        services.AddOptions<GatewayRateLimitOptions>().BindConfiguration(GatewayRateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => (o.PermitLimit == 0 && o.CostLimit == 0 && o.Clients.Count == 0) || o.Window > TimeSpan.Zero, "Gateway:RateLimit:Window must be positive.")
            .Validate(o => o.Clients.Values.All(v => v >= 0), "Gateway:RateLimit:Clients:<name> must be 0 (exempt) or a positive number of points.")
            .ValidateOnStart();
        var costLimits = builder.Configuration.GetSection(GatewayRateLimitOptions.SectionName).Get<GatewayRateLimitOptions>() ?? new GatewayRateLimitOptions();
        if (costLimits.CostLimit > 0 || costLimits.Clients.Values.Any(v => v > 0))
        {
            services.TryAddSingleton<ClientCostLimiter>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<GraphQL.AspNetCore.IGraphQLRequestInterceptor, RequestCostInterceptor>());
        }

        switch (auth.Mode)
        {
            case GatewayAuthMode.ApiKey:
                services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
                break;
            case GatewayAuthMode.Jwt:
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
                {
                    jwt.Authority = auth.Authority;
                    jwt.Audience = auth.Audience;
                    jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                    jwt.MapInboundClaims = false;
                });
                break;
        }

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayRateLimitOptions>, IOptions<GatewayOptions>>((limiter, limits, gateway) =>
        {
            var permits = limits.Value.PermitLimit;
            var window = limits.Value.Window;
            var path = gateway.Value.Path;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                permits > 0 && ClientIdentity.IsOperation(context, path)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientIdentity.Of(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
    }

    public static void UseGatewayAuth(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GatewayAuthOptions>>().Value.Mode != GatewayAuthMode.None)
        {
            app.UseAuthentication();
            app.UseMiddleware<GatewayAuthMiddleware>();
        }

        if (app.Services.GetRequiredService<IOptions<GatewayRateLimitOptions>>().Value.PermitLimit > 0)
        {
            app.UseRateLimiter();
        }

        if (app.Services.GetService<ClientCostLimiter>() is not null)
        {
            app.UseMiddleware<CostLimitMiddleware>();
        }
    }

    /// <summary>
    /// Answers 429 with <c>Retry-After</c> (whole seconds, at least 1, when <paramref name="retryAfter"/> is known) and a GraphQL-over-HTTP
    /// JSON body (code <c>RATE_LIMITED</c>).
    /// </summary>
    public static async Task WriteRateLimitedAsync(HttpResponse response, TimeSpan? retryAfter, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        int? retryAfterSeconds = retryAfter is { } wait ? (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds)) : null;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (retryAfterSeconds is { } s)
        {
            response.Headers.RetryAfter = s.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/json; charset=utf-8";
        var body = ErrorBody.Of(reason + "; retry later.", RateLimitedCode, retryAfterSeconds);
        await JsonSerializer.SerializeAsync(response.Body, body, GatewayJsonContext.Default.ErrorBody, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        TimeSpan? wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
        await WriteRateLimitedAsync(rejected.HttpContext.Response, wait, "Too many requests from this client", cancellationToken).ConfigureAwait(false);
    }
}
