using System.Text.Json;
using RunsGateway.Core;
using RunsGateway.Vendors.Crewship.Dto;
using RunsGateway.Vendors.Http;

namespace RunsGateway.Vendors.Crewship;

/// <summary>Typed client of the Crewship API (<c>Authorization: Bearer</c>).</summary>
internal sealed class CrewshipClient(HttpClient http, TimeProvider timeProvider, VendorTelemetry? telemetry = null)
{
    /// <summary><c>GET /runs/{id}</c>.</summary>
    public async Task<Result<CrewshipRunDto>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var checkedRef = RefGuard.Check(runRef, Vendor.Crewship);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<CrewshipRunDto>(checkedRef.Error);
        }

        var url = VendorHttp.Path("runs", checkedRef.Value.RunId);
        return await VendorHttp.GetAsync(http, Vendor.Crewship, url, CrewshipJsonContext.Default.CrewshipRunDto, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reads <c>{"error": {"message"}}</c> and the older <c>{"error": {code, message, details}}</c>.</summary>
    internal static VendorErrorBody ParseError(byte[] body)
    {
        var dto = JsonSerializer.Deserialize(body, CrewshipJsonContext.Default.CrewshipErrorDto);
        return new VendorErrorBody(dto?.Error?.Code, dto?.Error?.Message, null);
    }
}
