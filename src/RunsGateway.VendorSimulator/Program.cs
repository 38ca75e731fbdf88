namespace RunsGateway.VendorSimulator;

/// <summary>Standalone entry point: <c>dotnet run --project src/RunsGateway.VendorSimulator --urls http://127.0.0.1:5100</c>.</summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddVendorSimulator(builder.Configuration);
        var app = builder.Build();
        app.MapVendorSimulator();
        app.Run();
    }
}
