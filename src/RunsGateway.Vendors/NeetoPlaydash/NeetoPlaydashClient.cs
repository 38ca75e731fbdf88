using System.Globalization;
using System.Text.Json;
using RunsGateway.Core;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.NeetoPlaydash.Dto;

namespace RunsGateway.Vendors.NeetoPlaydash;

/// <summary>Typed client of the NeetoPlaydash external API (<c>X-Api-Key</c>, <c>Accept: application/json</c>).</summary>
internal sealed class NeetoPlaydashClient(HttpClient http, TimeProvider timeProvider, VendorTelemetry? telemetry = null)
{
    /// <summary><c>GET /projects/{project_id}/runs/{run_id}?page=&amp;page_size=&amp;status=</c>: the run with one page of specs.</summary>
    public async Task<Result<NeetoPlaydashRunDto>> GetRunAsync(RunRef runRef, int page, int pageSize, string? testStatus, CancellationToken cancellationToken)
    {
        var checkedRef = RefGuard.Check(runRef, Vendor.NeetoPlaydash);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<NeetoPlaydashRunDto>(checkedRef.Error);
        }

        var url = string.Create(
            CultureInfo.InvariantCulture,
            $"{VendorHttp.Path("projects", checkedRef.Value.Project!, "runs", checkedRef.Value.RunId)}?page={page}&page_size={pageSize}");
        if (testStatus is not null)
        {
            url += "&status=" + Uri.EscapeDataString(testStatus);
        }

        return await VendorHttp.GetAsync(http, Vendor.NeetoPlaydash, url, NeetoPlaydashJsonContext.Default.NeetoPlaydashRunDto, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reads <c>{"error": "text"}</c>.</summary>
    internal static VendorErrorBody ParseError(byte[] body)
    {
        var dto = JsonSerializer.Deserialize(body, NeetoPlaydashJsonContext.Default.NeetoPlaydashErrorDto);
        return new VendorErrorBody(null, dto?.Error, null);
    }
}
