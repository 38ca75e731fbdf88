using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>Turns a POST body or GET query string into <see cref="GraphQLRequestParameters"/> or a 400 <see cref="TransportError"/>.</summary>
internal static class GraphQLRequestParser
{
    private const string QueryName = "query";
    private const string OperationNameName = "operationName";
    private const string VariablesName = "variables";
    private const string ExtensionsName = "extensions";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>Parses a JSON-encoded request body (UTF-8, an optional byte order mark skipped).</summary>
    public static GraphQLRequestParameters ParseBody(ReadOnlySequence<byte> body, out TransportError? error)
    {
        error = null;
        if (body.IsEmpty)
        {
            error = TransportError.BadRequest("The request body is empty; POST a JSON object such as {\"query\":\"{ __typename }\"}.");
            return null!;
        }

        if (body.FirstSpan.StartsWith(Encoding.UTF8.Preamble))
        {
            body = body.Slice(Encoding.UTF8.Preamble.Length);
        }

        string? query = null;
        string? operationName = null;
        IReadOnlyDictionary<string, object?>? variables = null;
        IReadOnlyDictionary<string, object?>? extensions = null;
        var hasQuery = false;

        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            if (!reader.Read())
            {
                error = TransportError.BadRequest("The request body is empty; POST a JSON object such as {\"query\":\"{ __typename }\"}.");
                return null!;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Still read to the end: a malformed body is a JSON error first.
                reader.Skip();
                EnsureEnd(ref reader);
                error = TransportError.BadRequest("The request body must be a JSON object with a 'query' string.");
                return null!;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case QueryName:
                        if (!TryReadString(ref reader, out query))
                        {
                            error ??= Mistyped(QueryName, "a string", reader.TokenType);
                        }

                        hasQuery = query is not null;
                        break;
                    case OperationNameName:
                        if (!TryReadString(ref reader, out operationName))
                        {
                            error ??= Mistyped(OperationNameName, "a string or null", reader.TokenType);
                        }

                        break;
                    case VariablesName:
                        if (!TryReadMap(ref reader, out variables))
                        {
                            error ??= Mistyped(VariablesName, "a JSON object or null", reader.TokenType);
                        }

                        break;
                    case ExtensionsName:
                        if (!TryReadMap(ref reader, out extensions))
                        {
                            error ??= Mistyped(ExtensionsName, "a JSON object or null", reader.TokenType);
                        }

                        break;
                    default:
                        // The spec: servers MUST ignore properties they do not understand.
                        reader.Skip();
                        break;
                }
            }

            EnsureEnd(ref reader);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            error = TransportError.InvalidJson("The request body is not valid JSON: " + DescribeJsonFailure(exception));
            return null!;
        }

        if (error is not null)
        {
            return null!;
        }

        if (!hasQuery)
        {
            if (!IsPersisted(extensions))
            {
                error = MissingQuery();
                return null!;
            }

            // A persisted operation sent by its hash alone; the document is looked up before execution.
            query = string.Empty;
        }

        return new GraphQLRequestParameters(query!, operationName, variables, extensions);
    }

    /// <summary>
    /// Parses GET parameters (URL-encoded as by WHATWG URLSearchParams): the empty string means absent;
    /// <c>variables</c> and <c>extensions</c> are JSON texts of objects.
    /// </summary>
    public static GraphQLRequestParameters ParseQueryString(IQueryCollection parameters, out TransportError? error)
    {
        error = null;
        if (!TrySingle(parameters, QueryName, out var query, ref error)
            | !TrySingle(parameters, OperationNameName, out var operationName, ref error)
            | !TrySingle(parameters, VariablesName, out var variablesText, ref error)
            | !TrySingle(parameters, ExtensionsName, out var extensionsText, ref error))
        {
            return null!;
        }

        var variables = ParseJsonParameter(VariablesName, variablesText, ref error);
        var extensions = ParseJsonParameter(ExtensionsName, extensionsText, ref error);
        if (query is null)
        {
            if (!IsPersisted(extensions))
            {
                error = MissingQuery();
                return null!;
            }

            query = string.Empty;
        }

        return error is null ? new GraphQLRequestParameters(query, operationName, variables, extensions) : null!;
    }

    /// <summary>True when the request names a persisted operation (<c>extensions.persistedQuery</c>), so it may omit <c>query</c>.</summary>
    private static bool IsPersisted(IReadOnlyDictionary<string, object?>? extensions) =>
        extensions is not null && extensions.ContainsKey(PersistedOperations.PersistedOperationResolver.ExtensionName);

    private static IReadOnlyDictionary<string, object?>? ParseJsonParameter(string name, string? text, ref TransportError? error)
    {
        if (text is null || error is not null)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), ReaderOptions);
            reader.Read();
            if (!TryReadMap(ref reader, out var map))
            {
                error = Mistyped(name, "a JSON object", reader.TokenType);
                return null;
            }

            EnsureEnd(ref reader);
            return map;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            error = TransportError.BadRequest($"The '{name}' parameter is not valid JSON: " + DescribeJsonFailure(exception));
            return null;
        }
    }

    private static bool TrySingle(IQueryCollection parameters, string name, out string? value, ref TransportError? error)
    {
        value = null;
        if (!parameters.TryGetValue(name, out var values) || StringValues.IsNullOrEmpty(values))
        {
            return true;
        }

        if (values.Count > 1)
        {
            error ??= TransportError.BadRequest($"The '{name}' parameter must be given at most once.");
            return false;
        }

        // The spec: the empty string is equivalent to not specifying an optional parameter.
        value = values[0] is { Length: > 0 } single ? single : null;
        return true;
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                return true;
            case JsonTokenType.Null:
                return true;
            default:
                reader.Skip();
                return false;
        }
    }

    private static bool TryReadMap(ref Utf8JsonReader reader, out IReadOnlyDictionary<string, object?>? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                value = (IReadOnlyDictionary<string, object?>)JsonInput.ReadValue(ref reader)!;
                return true;
            case JsonTokenType.Null:
                return true;
            default:
                reader.Skip();
                return false;
        }
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the JSON value.");
        }
    }

    private static TransportError MissingQuery()
        => TransportError.BadRequest("The 'query' parameter is required: a string holding the GraphQL document.");

    private static TransportError Mistyped(string name, string expected, JsonTokenType actual)
        => TransportError.BadRequest($"The '{name}' parameter must be {expected}, not {Describe(actual)}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject or JsonTokenType.EndObject => "an object",
        JsonTokenType.StartArray or JsonTokenType.EndArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.String => "a string",
        _ => token.ToString(),
    };

    private static string DescribeJsonFailure(Exception exception) => exception switch
    {
        // JsonException from Utf8JsonReader carries the position ("... LineNumber: 0 | BytePositionInLine: 12.").
        JsonException json => json.Message,
        _ => "invalid UTF-8 or string content.",
    };
}
