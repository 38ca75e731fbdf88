using System.Security.Cryptography;
using System.Text;
using RunsGateway.GraphQL.AspNetCore.Http;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.AspNetCore.PersistedOperations;

/// <summary>
/// Turns a request's <c>extensions.persistedQuery</c> (<c>{ version: 1, sha256Hash }</c>) into its document: a hash alone is
/// looked up among the trusted documents, then in the store; a hash with a document is checked and stored. With
/// <see cref="GraphQLPersistedOperationOptions.OnlyPersisted"/> every other document is refused.
/// </summary>
internal sealed class PersistedOperationResolver
{
    /// <summary>The request extension that names a persisted operation.</summary>
    public const string ExtensionName = "persistedQuery";

    private readonly GraphQLPersistedOperationOptions _options;
    private readonly IPersistedOperationStore _store;
    private readonly Dictionary<string, string> _trusted;

    public PersistedOperationResolver(GraphQLPersistedOperationOptions options, IPersistedOperationStore store)
    {
        _options = options;
        _store = store;
        _trusted = options.Directory is { Length: > 0 } directory ? LoadTrusted(directory, out _) : new(StringComparer.Ordinal);
    }

    /// <summary>The document to execute, or the error that answers the request instead.</summary>
    public async ValueTask<(string? Query, GraphQLError? Error)> ResolveAsync(GraphQLRequestParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.Extensions?.GetValueOrDefault(ExtensionName) is not { } extension)
        {
            if (_options.OnlyPersisted && !(_options.AllowIntrospectionWhenOnlyPersisted && IsIntrospectionOnly(parameters.Query)))
            {
                return (null, Error("Only persisted operations run on this server; send extensions.persistedQuery with a known sha256Hash.", PersistedOperationErrorCodes.OnlyPersisted));
            }

            return (parameters.Query, null);
        }

        if (extension is not IReadOnlyDictionary<string, object?> fields
            || !IsVersionOne(fields.GetValueOrDefault("version"))
            || fields.GetValueOrDefault("sha256Hash") is not string hash
            || !IsSha256Hex(hash))
        {
            return (null, Error("extensions.persistedQuery must be { \"version\": 1, \"sha256Hash\": \"<64 hex digits>\" }.", PersistedOperationErrorCodes.Invalid));
        }

        hash = hash.ToLowerInvariant();
        if (string.IsNullOrEmpty(parameters.Query))
        {
            var document = _trusted.GetValueOrDefault(hash) ?? await _store.GetAsync(hash, cancellationToken).ConfigureAwait(false);
            return document is null
                ? (null, Error("PersistedQueryNotFound", PersistedOperationErrorCodes.NotFound))
                : (document, null);
        }

        if (HashOf(parameters.Query) != hash)
        {
            return (null, Error("The document does not match extensions.persistedQuery.sha256Hash.", PersistedOperationErrorCodes.HashMismatch));
        }

        if (_trusted.ContainsKey(hash))
        {
            return (parameters.Query, null);
        }

        if (_options.OnlyPersisted)
        {
            return (null, Error("Only trusted documents run on this server; this one cannot be registered.", PersistedOperationErrorCodes.OnlyPersisted));
        }

        if (!_options.EnableAutomaticPersistedQueries)
        {
            return (null, Error("Automatic persisted queries are turned off on this server; send the document without extensions.persistedQuery.", PersistedOperationErrorCodes.NotSupported));
        }

        await _store.SaveAsync(hash, parameters.Query, cancellationToken).ConfigureAwait(false);
        return (parameters.Query, null);
    }

    /// <summary>The SHA-256 of a document's UTF-8 bytes, in lower-case hex.</summary>
    public static string HashOf(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>Reads <c>&lt;hash&gt;.graphql</c> files; <paramref name="problems"/> lists files that are misnamed or do not match their hash.</summary>
    public static Dictionary<string, string> LoadTrusted(string directory, out List<string> problems)
    {
        problems = [];
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(directory))
        {
            problems.Add($"the directory '{directory}' does not exist");
            return documents;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.graphql"))
        {
            var name = Path.GetFileNameWithoutExtension(file).ToLowerInvariant();
            var text = File.ReadAllText(file);
            if (!IsSha256Hex(name))
            {
                problems.Add($"'{Path.GetFileName(file)}' is not named <sha256 hex>.graphql");
            }
            else if (HashOf(text) != name)
            {
                problems.Add($"'{Path.GetFileName(file)}' does not hash to its name (its SHA-256 is {HashOf(text)})");
            }
            else
            {
                documents[name] = text;
            }
        }

        return documents;
    }

    private static bool IsVersionOne(object? version) => version switch
    {
        int i => i == 1,
        long l => l == 1,
        double d => d == 1,
        decimal m => m == 1,
        _ => false,
    };

    private static bool IsSha256Hex(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    /// <summary>True when every operation of the document selects only introspection fields at its root.</summary>
    private static bool IsIntrospectionOnly(string query)
    {
        try
        {
            var document = Parser.Parse(query);
            var operations = document.Definitions.OfType<OperationDefinitionNode>().ToList();
            return operations.Count > 0 && operations.All(operation =>
                operation.Operation == OperationType.Query
                && operation.SelectionSet.Selections.All(selection => selection is FieldNode field && field.Name.Value.StartsWith("__", StringComparison.Ordinal)));
        }
        catch (GraphQLException)
        {
            return false;
        }
    }

    private static GraphQLError Error(string message, string code) => GraphQLError.WithCode(message, code);
}
