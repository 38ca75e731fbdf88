using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RunsGateway.Core;
using RunsGateway.Vendors.CcExtractor.Dto;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.CcExtractor;

/// <summary>Typed client of the CCExtractor sample platform API (<c>Authorization: Bearer</c>).</summary>
internal sealed class CcExtractorClient(HttpClient http, TimeProvider timeProvider, VendorTelemetry? telemetry = null)
{
    /// <summary><c>GET /runs/{run_id}</c>.</summary>
    public Task<Result<CcExtractorRunDto>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken) =>
        GetAsync(runRef, summary: false, CcExtractorJsonContext.Default.CcExtractorRunDto, cancellationToken);

    /// <summary><c>GET /runs/{run_id}/summary</c>.</summary>
    public Task<Result<CcExtractorSummaryDto>> GetSummaryAsync(RunRef runRef, CancellationToken cancellationToken) =>
        GetAsync(runRef, summary: true, CcExtractorJsonContext.Default.CcExtractorSummaryDto, cancellationToken);

    /// <summary>Reads <c>{code, message, details}</c>; a 429 may carry <c>details.retry_after</c> in seconds.</summary>
    internal static VendorErrorBody ParseError(byte[] body)
    {
        var dto = JsonSerializer.Deserialize(body, CcExtractorJsonContext.Default.CcExtractorErrorDto);
        TimeSpan? retryAfter = null;
        if (dto?.Details is { ValueKind: JsonValueKind.Object } details
            && details.TryGetProperty("retry_after", out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var seconds)
            && seconds >= 0)
        {
            retryAfter = TimeSpan.FromSeconds(seconds);
        }

        return new VendorErrorBody(dto?.Code, dto?.Message, retryAfter);
    }

    private async Task<Result<T>> GetAsync<T>(RunRef runRef, bool summary, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var checkedRef = RefGuard.Check(runRef, Vendor.CcExtractor);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<T>(checkedRef.Error);
        }

        var url = summary ? VendorHttp.Path("runs", checkedRef.Value.RunId, "summary") : VendorHttp.Path("runs", checkedRef.Value.RunId);
        return await VendorHttp.GetAsync(http, Vendor.CcExtractor, url, typeInfo, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken).ConfigureAwait(false);
    }
}
