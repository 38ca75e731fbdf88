using System.Reflection;
using RunsGateway.Core;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.Schema;

/// <summary>
/// Builds the gateway's executable schema from <c>Schema/Gateway.graphql</c> (embedded): resolver classes for the fields that
/// compute or load, Core records bound as runtime types for the rest, and DataLoader classes for everything that calls a vendor.
/// </summary>
internal static class GatewaySchema
{
    private const string ResourceName = "RunsGateway.Schema.Gateway.graphql";

    /// <summary>The SDL the schema is built from.</summary>
    public static string Sdl { get; } = ReadSdl();

    /// <param name="extend">Adds more bindings (the subscription resolvers) before the schema is built.</param>
    public static GraphQL.Types.Schema Create(Func<SchemaBuilder, SchemaBuilder>? extend = null)
    {
        var builder = Builder()
        .AddResolvers<QueryResolvers>()
        .AddResolvers<RunResolvers>()
        .AddResolvers<SpecResolvers>()
        .AddDataLoader<RunByRefDataLoader>()
        .AddDataLoader<SummaryByRunDataLoader>()
        .AddDataLoader<SpecPageDataLoader>()
        .AddDataLoader<AllSpecsByRunDataLoader>()
        .BindRuntimeType<Run>("Run")
        .BindRuntimeType<Summary>("Summary")
        .BindRuntimeType<SpecNode>("Spec")
        .BindRuntimeType<TestNode>("Test")
        .BindRuntimeType<Artifact>("Artifact")
        .BindRuntimeType<SpecConnection>("SpecConnection")
        .BindRuntimeType<SpecEdge>("SpecEdge")
        .BindRuntimeType<PageInfo>("PageInfo");
        return (extend?.Invoke(builder) ?? builder).Build();
    }

    /// <summary>A builder over the gateway SDL with the code of its custom scalars.</summary>
    public static SchemaBuilder Builder() => SchemaBuilder.FromSdl(Sdl)
        .AddScalar(Scalars.DateTime)
        .AddScalar(Scalars.Json)
        .AddScalar(Scalars.Long);

    private static string ReadSdl()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded schema {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Prints the running schema: the text of the repository's <c>schema.graphql</c> contract.</summary>
internal static class SchemaExport
{
    /// <summary>Prints the schema the gateway serves.</summary>
    public static string Print() => SchemaPrinter.Print(GatewaySchema.Create());

    /// <summary>The repository's <c>schema.graphql</c>, found by walking up from the working directory.</summary>
    public static string DefaultPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunsGateway.sln")))
            {
                return Path.Combine(dir.FullName, "schema.graphql");
            }
        }

        return "schema.graphql";
    }
}
