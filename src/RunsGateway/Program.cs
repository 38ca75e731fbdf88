using RunsGateway.Hosting;
using RunsGateway.Schema;

if (args is ["schema", "export", ..])
{
    // Rewrites the contract file from the running schema: `dotnet run --project src/RunsGateway -- schema export [path]`.
    var path = args.Length > 2 ? args[2] : SchemaExport.DefaultPath();
    await File.WriteAllTextAsync(path, SchemaExport.Print()).ConfigureAwait(false);
    Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
    return;
}

var app = await GatewayApplication.BuildAsync(args).ConfigureAwait(false);
await app.RunAsync().ConfigureAwait(false);
