using System.Text.Json.Serialization;

namespace RunsGateway.Hosting.Auth;

/// <summary>A GraphQL-over-HTTP error response without data: <c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c>.</summary>
internal sealed record ErrorBody(IReadOnlyList<ErrorEntry> Errors)
{
    public static ErrorBody Of(string message, string code, int? retryAfterSeconds = null) =>
        new([new ErrorEntry(message, new ErrorExtensions(code, retryAfterSeconds))]);
}

internal sealed record ErrorEntry(string Message, ErrorExtensions Extensions);

internal sealed record ErrorExtensions(string Code, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfter);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
