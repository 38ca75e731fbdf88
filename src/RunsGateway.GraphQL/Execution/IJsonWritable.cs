using System.Text.Json;

namespace RunsGateway.GraphQL.Execution;

/// <summary>
/// A value of a response extension (or of an error's extensions) that writes its own JSON: the engine calls
/// <see cref="WriteJson"/> instead of walking it as a dictionary or a list, so that a per-request value need not be built as
/// dictionaries only to be written once.
/// </summary>
public interface IJsonWritable
{
    /// <summary>Writes the value as one JSON value.</summary>
    /// <param name="writer">The response's writer.</param>
    void WriteJson(Utf8JsonWriter writer);
}
