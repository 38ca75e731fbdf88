using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RunsGateway.GraphQL.Execution;

/// <summary>The result of executing a GraphQL request (spec section 7).</summary>
public sealed class ExecutionResult
{
    // Responses are served as JSON, never embedded in HTML, so only the characters JSON requires are escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ExecutionResult(IReadOnlyDictionary<string, object?>? data, bool hasData, IReadOnlyList<GraphQLError> errors, IReadOnlyDictionary<string, object?>? extensions)
    {
        Data = data;
        HasData = hasData;
        Errors = errors;
        Extensions = extensions;
    }

    /// <summary>The <c>data</c> entry (ordered as the spec requires); null when absent or null.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; }

    /// <summary>True when the response has a <c>data</c> entry (possibly null); false for request errors.</summary>
    public bool HasData { get; }

    /// <summary>The errors; empty when there are none.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    /// <summary>The <c>extensions</c> entry, if any.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>True when the request failed before execution (no <c>data</c> entry).</summary>
    public bool IsRequestError => !HasData;

    /// <summary>Creates a request error result (no <c>data</c>).</summary>
    public static ExecutionResult FromErrors(IReadOnlyList<GraphQLError> errors, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(null, hasData: false, errors, extensions);
    }

    /// <summary>Creates a request error result with one error.</summary>
    public static ExecutionResult FromError(GraphQLError error) => FromErrors([error]);

    /// <summary>Creates an execution result with data (null when propagation reached the root) and errors.</summary>
    public static ExecutionResult FromData(IReadOnlyDictionary<string, object?>? data, IReadOnlyList<GraphQLError>? errors = null, IReadOnlyDictionary<string, object?>? extensions = null)
        => new(data, hasData: true, errors ?? [], extensions);

    /// <summary>Writes the response object (<c>errors</c>, <c>data</c>, <c>extensions</c>) as UTF-8 JSON.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Errors.Count > 0)
        {
            writer.WritePropertyName("errors"u8);
            writer.WriteStartArray();
            foreach (var error in Errors)
            {
                WriteError(writer, error);
            }

            writer.WriteEndArray();
        }

        if (HasData)
        {
            writer.WritePropertyName("data"u8);
            switch (Data)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case ResultNode node:
                    node.WriteTo(writer);
                    break;
                default:
                    JsonValueWriter.Write(writer, Data);
                    break;
            }
        }

        if (Extensions is { Count: > 0 })
        {
            writer.WritePropertyName("extensions"u8);
            JsonValueWriter.Write(writer, Extensions);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the response as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(1024);
        await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the response as a JSON string.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one error object.</summary>
    public static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteString("message"u8, error.Message);
        if (error.Locations.Count > 0)
        {
            writer.WritePropertyName("locations"u8);
            writer.WriteStartArray();
            foreach (var location in error.Locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line"u8, location.Line);
                writer.WriteNumber("column"u8, location.Column);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (error.Path is { } path)
        {
            writer.WritePropertyName("path"u8);
            writer.WriteStartArray();
            foreach (var segment in path)
            {
                if (segment is int index)
                {
                    writer.WriteNumberValue(index);
                }
                else
                {
                    writer.WriteStringValue(segment.ToString());
                }
            }

            writer.WriteEndArray();
        }

        if (error.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions"u8);
            JsonValueWriter.Write(writer, extensions);
        }

        writer.WriteEndObject();
    }
}
