using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Tests.Validation;

/// <summary>Builds the schemas of the validation corpus, which declare types only and have no resolvers.</summary>
internal static class CorpusSchema
{
    public static Schema Build(string sdl)
        => SchemaBuilder.FromSdl(sdl)
            .UseDefaultResolver(static _ => ValueTask.FromResult<object?>(null))
            .Build();

    /// <summary>Builds a schema that an SDL record extends; such schemas may be partial (no query type, empty types).</summary>
    public static Schema BuildPartial(string sdl)
        => SchemaBuilder.FromSdl(sdl).AssumeValid().Build();
}
