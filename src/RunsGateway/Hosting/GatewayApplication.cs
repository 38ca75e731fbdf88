namespace RunsGateway.Hosting;

/// <summary>Builds the gateway application; used by <c>Program</c> and by the integration tests, which host it on a loopback port.</summary>
internal static class GatewayApplication
{
    /// <summary>Creates the builder, lets <paramref name="configure"/> add configuration, registers the gateway and maps its endpoints.</summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        await builder.AddRunsGatewayAsync(cancellationToken).ConfigureAwait(false);
        var app = builder.Build();
        app.MapRunsGateway();
        return app;
    }
}
