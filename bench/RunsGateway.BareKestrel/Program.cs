// Baseline for bench/gateway-load.sh: the same response bytes the gateway returns, with no GraphQL work behind them.
// Usage: dotnet run -c Release --project bench/RunsGateway.BareKestrel -- --urls http://127.0.0.1:5301 --body response.json
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var body = await File.ReadAllBytesAsync(app.Configuration["body"] ?? throw new InvalidOperationException("--body FILE is required"));
app.MapPost("/graphql", async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
await app.RunAsync();
