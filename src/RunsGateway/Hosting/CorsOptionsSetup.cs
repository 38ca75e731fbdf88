using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace RunsGateway.Hosting;

/// <summary>Builds the gateway's CORS policy from <see cref="GatewayOptions.CorsOrigins"/>.</summary>
internal sealed class CorsOptionsSetup(IOptions<GatewayOptions> gateway) : IConfigureOptions<CorsOptions>
{
    public void Configure(CorsOptions options)
    {
        var origins = gateway.Value.CorsOrigins;
        options.AddPolicy("RunsGateway", policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else if (origins.Count > 0)
            {
                policy.WithOrigins([.. origins]);
            }

            policy.WithMethods("GET", "POST").WithHeaders("content-type", "accept", "authorization", "x-api-key");
        });
    }
}
