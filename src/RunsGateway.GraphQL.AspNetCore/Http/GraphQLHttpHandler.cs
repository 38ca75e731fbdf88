using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using RunsGateway.GraphQL.AspNetCore.Ide;
using RunsGateway.GraphQL.AspNetCore.Subscriptions;
using RunsGateway.GraphQL.Execution;

namespace RunsGateway.GraphQL.AspNetCore.Http;

/// <summary>
/// Serves one GraphQL endpoint: GraphQL over HTTP (POST with JSON, GET for queries) and, for a browser, Banana Cake Pop.
/// Status codes and media types follow the GraphQL-over-HTTP spec; see docs/graphql-over-http.md.
/// </summary>
internal sealed partial class GraphQLHttpHandler
{
    /// <summary>The route value holding a path below the GraphQL path (an IDE file).</summary>
    public const string AssetPathRouteValue = "graphqlAssetPath";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly GraphQLHttpOptions _options;
    private readonly RequestExecutor _executor;
    private readonly IdeHandler _ide;
    private readonly IGraphQLRequestInterceptor[] _interceptors;
    private readonly ILogger _logger;
    private readonly StreamingServices _streaming;

    public GraphQLHttpHandler(GraphQLHttpOptions options, RequestExecutor executor, IdeAssets ideAssets, IGraphQLRequestInterceptor[] interceptors, ILogger<GraphQLHttpHandler> logger, StreamingServices streaming)
    {
        _options = options;
        _executor = executor;
        _ide = new IdeHandler(options, ideAssets);
        _interceptors = interceptors;
        _logger = logger;
        _streaming = streaming;
    }

    /// <summary>Handles a request to the GraphQL path itself.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (context.WebSockets.IsWebSocketRequest)
        {
            await HandleWebSocketAsync(context).ConfigureAwait(false);
            return;
        }


        if ((isGet || HttpMethods.IsHead(request.Method)) && _options.EnableIde && IdeHandler.IsBrowserNavigation(request))
        {
            await _ide.ServePageAsync(context).ConfigureAwait(false);
            return;
        }

        if (!(isGet && _options.AllowGetRequests) && !HttpMethods.IsPost(request.Method))
        {
            await RejectAsync(context, ResponseMediaType.Json, new TransportError(
                StatusCodes.Status405MethodNotAllowed,
                GraphQLHttpErrorCodes.MethodNotAllowed,
                $"The {request.Method} method is not supported here; send a POST with Content-Type: application/json{(_options.AllowGetRequests ? " or a GET with the parameters in the query string" : "")}."))
                .ConfigureAwait(false);
            return;
        }

        var eventStream = _streaming.Options.EnableServerSentEvents && MediaTypes.AcceptsEventStream(request.Headers.Accept);
        var mediaType = eventStream ? ResponseMediaType.Json : MediaTypes.Negotiate(request.Headers.Accept);
        if (mediaType == ResponseMediaType.None)
        {
            await RejectAsync(context, ResponseMediaType.Json, new TransportError(
                StatusCodes.Status406NotAcceptable,
                GraphQLHttpErrorCodes.NotAcceptable,
                $"The Accept header admits no media type this server produces; accept {MediaTypes.GraphQLResponseJson} or {MediaTypes.Json}."))
                .ConfigureAwait(false);
            return;
        }

        GraphQLRequestParameters parameters;
        TransportError? error;
        if (isGet)
        {
            parameters = GraphQLRequestParser.ParseQueryString(request.Query, out error);
        }
        else if (!MediaTypes.IsSupportedRequestContentType(request.ContentType))
        {
            error = new TransportError(
                StatusCodes.Status415UnsupportedMediaType,
                GraphQLHttpErrorCodes.UnsupportedMediaType,
                request.ContentType is null
                    ? "The request has no Content-Type; send the body as JSON with Content-Type: application/json."
                    : $"The Content-Type '{request.ContentType}' is not supported; send the body as JSON with Content-Type: application/json (UTF-8).");
            parameters = null!;
        }
        else
        {
            (parameters, error) = await ReadBodyAsync(context).ConfigureAwait(false);
        }

        if (error is not null)
        {
            await RejectAsync(context, mediaType, error).ConfigureAwait(false);
            return;
        }

        var (document, persistedError) = await _streaming.PersistedOperations.ResolveAsync(parameters, context.RequestAborted).ConfigureAwait(false);
        if (persistedError is not null)
        {
            await AnswerRequestErrorAsync(context, ExecutionResult.FromError(persistedError), eventStream, mediaType, isGet).ConfigureAwait(false);
            return;
        }

        parameters = parameters with { Query = document! };
        var cacheControl = new GraphQLCacheControl();
        // The spec: GET requests MUST NOT be used for executing mutation operations.
        var graphQLRequest = CreateRequest(_interceptors, context, parameters, GraphQLHttpContextData.CacheControl, cacheControl, isGet ? AllowedOperations.Query : AllowedOperations.All);
        var contextData = graphQLRequest.ContextData!;

        if (eventStream)
        {
            // An EventSource can only GET, so subscriptions may come over GET here; mutations still may not.
            await ServeEventStreamAsync(
                context,
                graphQLRequest with { AllowedOperations = isGet ? AllowedOperations.Query | AllowedOperations.Subscription : AllowedOperations.All },
                contextData).ConfigureAwait(false);
            return;
        }

        ExecutionResult result;
        try
        {
            result = await _executor.ExecuteAsync(graphQLRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
            return;
        }
#pragma warning disable CA1031 // Any failure of the engine becomes a 500 with a generic message; details go to the log only.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogExecutionFailed(_logger, exception);
            await RejectAsync(context, ResponseMediaType.Json, new TransportError(
                StatusCodes.Status500InternalServerError,
                GraphQLHttpErrorCodes.InternalServerError,
                "An unexpected error occurred while executing the request."))
                .ConfigureAwait(false);
            return;
        }

        result = ApplyInterceptors(_interceptors, context, contextData, result);
        var response = context.Response;
        response.StatusCode = StatusCodeOf(result, mediaType, isGet);
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            response.Headers.Allow = "POST";
        }

        response.ContentType = MediaTypes.ContentTypeOf(mediaType);
        var maxAge = isGet && result.HasData && result.Errors.Count == 0 ? cacheControl.MaxAge : null;
        if (maxAge is null)
        {
            response.Headers.CacheControl = "no-store";
            await WriteAsync(response.BodyWriter, result, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await WriteCacheableAsync(context, result, maxAge.Value).ConfigureAwait(false);
    }

    /// <summary>Answers a request that fails before the engine runs: as an SSE stream of one event, or as JSON.</summary>
    private async Task AnswerRequestErrorAsync(HttpContext context, ExecutionResult result, bool eventStream, ResponseMediaType mediaType, bool isGet)
    {
        if (eventStream)
        {
            await ServeEventStreamAsync(context, request: null, new Dictionary<string, object?>(), result).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodeOf(result, mediaType, isGet);
        response.ContentType = MediaTypes.ContentTypeOf(mediaType);
        await WriteAsync(response.BodyWriter, result, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The engine's request for <paramref name="parameters"/> (for HTTP, SSE and WebSocket operations alike): its context data holds
    /// the HTTP context and one transport entry (<paramref name="key"/>), and every interceptor has seen it.
    /// </summary>
    internal static GraphQLRequest CreateRequest(
        IGraphQLRequestInterceptor[] interceptors, HttpContext context, GraphQLRequestParameters parameters, string key, object? value, AllowedOperations allowed = AllowedOperations.All)
    {
        var contextData = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [GraphQLHttpContextData.HttpContext] = context,
            [key] = value,
        };
        foreach (var interceptor in interceptors)
        {
            interceptor.OnRequest(context, contextData);
        }

        return new GraphQLRequest
        {
            Query = parameters.Query,
            OperationName = parameters.OperationName,
            Variables = parameters.Variables,
            Extensions = parameters.Extensions,
            Services = context.RequestServices,
            ContextData = contextData,
            AllowedOperations = allowed,
        };
    }

    /// <summary>Merges the response extensions the interceptors add into the result (for HTTP, SSE and WebSocket answers alike).</summary>
    internal static ExecutionResult ApplyInterceptors(IGraphQLRequestInterceptor[] interceptors, HttpContext context, IReadOnlyDictionary<string, object?> contextData, ExecutionResult result)
    {
        IReadOnlyDictionary<string, object?>? only = null;
        Dictionary<string, object?>? extensions = null;
        foreach (var interceptor in interceptors)
        {
            if (interceptor.OnResult(context, contextData, result) is not { Count: > 0 } added)
            {
                continue;
            }

            if (only is null && extensions is null && result.Extensions is null)
            {
                // The common case, one interceptor adding to a result without extensions: its map is taken as it is.
                only = added;
                continue;
            }

            // Here the result already has extensions, or an earlier interceptor's map was taken as it is.
            extensions ??= new((only ?? result.Extensions)!, StringComparer.Ordinal);
            foreach (var pair in added)
            {
                extensions[pair.Key] = pair.Value;
            }
        }

        if ((extensions ?? only) is not { } merged)
        {
            return result;
        }

        return result.HasData ? ExecutionResult.FromData(result.Data, result.Errors, merged) : ExecutionResult.FromErrors(result.Errors, merged);
    }

    /// <summary>Handles a request below the GraphQL path: the IDE's files and its configuration.</summary>
    public Task HandleIdeAssetAsync(HttpContext context)
    {
        if (!_options.EnableIde)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return _ide.ServeAssetAsync(context, context.GetRouteValue(AssetPathRouteValue) as string);
    }

    /// <summary>
    /// The status code of an engine result: with <c>application/graphql-response+json</c>, 200 when the response has
    /// <c>data</c> and 400 for request errors (no <c>data</c>); with <c>application/json</c>, 200 for every well-formed
    /// request. A mutation over GET is 405 with either media type.
    /// </summary>
    internal static int StatusCodeOf(ExecutionResult result, ResponseMediaType mediaType, bool isGet)
    {
        if (result.HasData)
        {
            return StatusCodes.Status200OK;
        }

        if (isGet)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == ErrorCodes.OperationNotAllowed)
                {
                    return StatusCodes.Status405MethodNotAllowed;
                }
            }
        }

        if (mediaType == ResponseMediaType.Json)
        {
            return StatusCodes.Status200OK;
        }

        foreach (var error in result.Errors)
        {
            if (error.Code == ErrorCodes.InternalServerError)
            {
                return StatusCodes.Status500InternalServerError;
            }

            if (error.Code is ErrorCodes.ExecutionTimeout or ErrorCodes.ServerBusy)
            {
                return StatusCodes.Status503ServiceUnavailable;
            }
        }

        return StatusCodes.Status400BadRequest;
    }

    private async Task<(GraphQLRequestParameters Parameters, TransportError? Error)> ReadBodyAsync(HttpContext context)
    {
        var limit = _options.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            return (null!, TooLarge(limit));
        }

        // Our limit governs; lift the server's (Kestrel's 30 MB default) when ours is larger and it still can be.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature
            && sizeFeature.MaxRequestBodySize is { } serverLimit && serverLimit < limit)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                var buffer = read.Buffer;
                if (buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    return (null!, TooLarge(limit));
                }

                if (read.IsCompleted)
                {
                    try
                    {
                        var parameters = GraphQLRequestParser.ParseBody(buffer, out var error);
                        return (parameters, error);
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.End);
                    }
                }

                // Nothing consumed, everything examined: wait for more.
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null!, TooLarge(limit));
        }
        catch (BadHttpRequestException exception)
        {
            // A client fault (a malformed chunk, a body slower than the server's minimum data rate): answered and logged at Debug
            // like any rejected request, not left to the server's "unhandled exception" Error with a stack trace.
            return (null!, new TransportError(
                exception.StatusCode,
                GraphQLHttpErrorCodes.BadRequest,
                exception.StatusCode == StatusCodes.Status408RequestTimeout
                    ? "The request body arrived too slowly."
                    : "The request body could not be read as HTTP."));
        }
    }

    private static TransportError TooLarge(long limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        GraphQLHttpErrorCodes.RequestTooLarge,
        $"The request body is larger than the limit of {limit} bytes.");

    private async Task RejectAsync(HttpContext context, ResponseMediaType mediaType, TransportError error)
    {
        LogRequestRejected(_logger, error.StatusCode, error.Code);
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        if (error.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            response.Headers.Allow = _options.AllowGetRequests ? "GET, POST" : "POST";
        }

        response.ContentType = MediaTypes.ContentTypeOf(mediaType);
        await WriteAsync(response.BodyWriter, static (writer, error) => WriteError(writer, error), error, context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteError(Utf8JsonWriter writer, TransportError error)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("errors"u8);
        writer.WriteStartArray();
        ExecutionResult.WriteError(writer, GraphQLError.WithCode(error.Message, error.Code));
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Task WriteAsync(PipeWriter body, ExecutionResult result, CancellationToken cancellationToken) =>
        WriteAsync(body, static (writer, result) => result.WriteTo(writer), result, cancellationToken);

    private static Task WriteAsync<TState>(PipeWriter body, Action<Utf8JsonWriter, TState> write, TState state, CancellationToken cancellationToken)
    {
        // The JSON goes straight into the response pipe's buffers (no intermediate string or array), through this thread's writer:
        // writing is synchronous, so the writer is free again before the flush is awaited.
        var writer = _threadWriter ??= new Utf8JsonWriter(NoOutput.Instance, WriterOptions);
        writer.Reset(body);
        try
        {
            write(writer, state);
            writer.Flush();
        }
        finally
        {
            // Detached from the response, which it must not keep alive.
            writer.Reset(NoOutput.Instance);
        }

        return FlushAsync(body, cancellationToken);
    }

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    private static async Task FlushAsync(PipeWriter body, CancellationToken cancellationToken)
    {
        try
        {
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away while we answered.
        }
    }

    /// <summary>Where the thread's writer points between responses: nowhere.</summary>
    private sealed class NoOutput : IBufferWriter<byte>
    {
        public static readonly NoOutput Instance = new();

        public void Advance(int count) => throw new InvalidOperationException("The response writer is not attached to a response.");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("The response writer is not attached to a response.");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("The response writer is not attached to a response.");
    }
}
