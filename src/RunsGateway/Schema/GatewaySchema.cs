using System.Reflection;
using RunsGateway.GraphQL.Execution;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.Schema;

/// <summary>Builds the gateway's executable schema from <c>Schema/Gateway.graphql</c> (embedded) and <see cref="GatewayResolvers"/>.</summary>
internal static class GatewaySchema
{
    private const string ResourceName = "RunsGateway.Schema.Gateway.graphql";

    /// <summary>The SDL the schema is built from.</summary>
    public static string Sdl { get; } = ReadSdl();

    public static GraphQL.Types.Schema Create(
        GatewayResolvers resolvers,
        Func<SchemaBuilder, SchemaBuilder>? extend = null,
        Func<string, FieldResolver, FieldResolver>? decorate = null)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        var builder = Builder()
            .AddTypeResolver("Node", (value, context) => GatewayResolvers.NodeTypeName(value) is { } name ? context.Schema.GetType(name) as ObjectType : null);
        foreach (var (type, field, resolver) in resolvers.All())
        {
            builder.AddResolver(type, field, decorate?.Invoke(type, resolver) ?? resolver);
        }

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
    /// <summary>Prints the schema the gateway serves (resolvers are not needed to print it).</summary>
    public static string Print() => SchemaPrinter.Print(GatewaySchema.Builder()
        .UseDefaultResolver(_ => ValueTask.FromResult<object?>(null))
        .Build());

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
