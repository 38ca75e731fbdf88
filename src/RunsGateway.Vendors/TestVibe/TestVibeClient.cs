using System.Text.Json;
using RunsGateway.Core;
using RunsGateway.Vendors.Http;
using RunsGateway.Vendors.TestVibe.Dto;

namespace RunsGateway.Vendors.TestVibe;

/// <summary>Typed client of the TestVibe ops API (<c>Authorization: Bearer</c>).</summary>
internal sealed class TestVibeClient(HttpClient http, TimeProvider timeProvider, VendorTelemetry? telemetry = null)
{
    /// <summary><c>GET /projects/{project}/runs/{runId}</c>.</summary>
    public async Task<Result<TestVibeRunDto>> GetRunAsync(RunRef runRef, CancellationToken cancellationToken)
    {
        var checkedRef = RefGuard.Check(runRef, Vendor.TestVibe);
        if (!checkedRef.IsSuccess)
        {
            return Result.Failure<TestVibeRunDto>(checkedRef.Error);
        }

        var url = VendorHttp.Path("projects", checkedRef.Value.Project!, "runs", checkedRef.Value.RunId);
        return await VendorHttp.GetAsync(http, Vendor.TestVibe, url, TestVibeJsonContext.Default.TestVibeRunDto, ParseError, timeProvider, telemetry, checkedRef.Value, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reads <c>{"error": "&lt;code&gt;", "message": …}</c>.</summary>
    internal static VendorErrorBody ParseError(byte[] body)
    {
        var dto = JsonSerializer.Deserialize(body, TestVibeJsonContext.Default.TestVibeErrorDto);
        return dto?.Message is null ? new VendorErrorBody(dto?.Error, dto?.Error, null) : new VendorErrorBody(dto.Error, dto.Message, null);
    }
}
