namespace RunsGateway.Vendors.Http;

/// <summary>Runs every request of a vendor's <see cref="HttpClient"/> through that vendor's shared <see cref="VendorPipeline"/>.</summary>
internal sealed class ResilienceHandler(VendorPipeline pipeline) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        pipeline.SendAsync(request, (r, ct) => base.SendAsync(r, ct), cancellationToken);
}
