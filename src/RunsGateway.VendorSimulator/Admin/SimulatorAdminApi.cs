using System.Text.Json;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.Admin;

/// <summary>The simulator's control endpoints under <c>/_simulator</c>: runs, faults, stats and clock.</summary>
internal static partial class SimulatorAdminApi
{
    public static void Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var root = prefix + SimulatorDefaults.AdminPrefix;
        endpoints.MapGet(root + "/runs", ListRunsAsync);
        endpoints.MapGet(root + "/faults", GetFaultsAsync);
        endpoints.MapPost(root + "/faults", SetFaultAsync);
        endpoints.MapDelete(root + "/faults", ClearFaultsAsync);
        endpoints.MapGet(root + "/stats", GetStatsAsync);
        endpoints.MapPost(root + "/stats/reset", ResetStats);
        endpoints.MapGet(root + "/clock", GetClockAsync);
    }

    private static Task ListRunsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        SimulatedVendor? vendor = null;
        string? vendorText = query["vendor"];
        if (!string.IsNullOrEmpty(vendorText))
        {
            if (!SimulatedVendors.TryParse(vendorText, out vendor))
            {
                return BadRequestAsync(context, "vendor must be one of ccextractor, neetoplaydash, testvibe, crewship.");
            }
        }

        string? status = query["status"];
        var catalog = context.RequestServices.GetRequiredService<RunCatalog>();
        var runs = catalog.List(vendor, string.IsNullOrEmpty(status) ? null : status).ToList();
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, runs, SimulatorJson.Camel.ListSimulatedRunInfo, context.RequestAborted);
    }

    private static Task GetFaultsAsync(HttpContext context) => WriteFaultsAsync(context, context.RequestServices.GetRequiredService<FaultStore>());

    private static async Task SetFaultAsync(HttpContext context)
    {
        FaultRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJson.Camel.FaultRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            await BadRequestAsync(context, "The body is not a valid fault: " + exception.Message).ConfigureAwait(false);
            return;
        }

        if (!SimulatedVendors.TryParseSelection(request?.Vendor, out var vendors))
        {
            await BadRequestAsync(context, "vendor is required: ccextractor, neetoplaydash, testvibe, crewship or all.").ConfigureAwait(false);
            return;
        }

        var fault = new SimulatorFaultOptions
        {
            Status = request!.Status ?? 0,
            RetryAfterSeconds = request.RetryAfterSeconds,
            Rate = request.Rate ?? 1.0,
            LatencyMs = request.LatencyMs ?? 0,
            Malformed = request.Malformed ?? false,
            Hang = request.Hang ?? false,
            RequestsPerMinute = request.RequestsPerMinute,
        };
        if (VendorSimulatorOptionsValidator.Check(fault) is { } problem)
        {
            await BadRequestAsync(context, problem).ConfigureAwait(false);
            return;
        }

        var faults = context.RequestServices.GetRequiredService<FaultStore>();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SimulatorAdminApi));
        foreach (var v in vendors)
        {
            faults.Set(v, fault);
            LogFaultSet(logger, v.Name(), fault.Status, fault.Rate, fault.LatencyMs, fault.Malformed, fault.Hang);
        }

        await WriteFaultsAsync(context, faults).ConfigureAwait(false);
    }

    private static Task ClearFaultsAsync(HttpContext context)
    {
        var faults = context.RequestServices.GetRequiredService<FaultStore>();
        string? vendorText = context.Request.Query["vendor"];
        if (string.IsNullOrEmpty(vendorText))
        {
            faults.ClearAll();
        }
        else if (SimulatedVendors.TryParse(vendorText, out var vendor))
        {
            faults.Clear(vendor.Value);
        }
        else
        {
            return BadRequestAsync(context, "vendor must be one of ccextractor, neetoplaydash, testvibe, crewship.");
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task GetStatsAsync(HttpContext context)
    {
        var stats = context.RequestServices.GetRequiredService<RequestStats>().Snapshot();
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, stats, SimulatorJson.Camel.DictionaryStringDictionaryStringInt64, context.RequestAborted);
    }

    private static Task ResetStats(HttpContext context)
    {
        context.RequestServices.GetRequiredService<RequestStats>().Reset();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task GetClockAsync(HttpContext context)
    {
        var clock = context.RequestServices.GetRequiredService<SimulatorClock>();
        var info = new ClockInfo(IsoTime.Seconds(clock.Anchor), IsoTime.Seconds(clock.Now), clock.Speed);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, info, SimulatorJson.Camel.ClockInfo, context.RequestAborted);
    }

    private static Task WriteFaultsAsync(HttpContext context, FaultStore faults)
    {
        var map = SimulatedVendors.All.ToDictionary(v => v.Name(), faults.Get);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, map, SimulatorJson.Camel.DictionaryStringSimulatorFaultOptions, context.RequestAborted);
    }

    private static Task BadRequestAsync(HttpContext context, string message) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status400BadRequest, new AdminError(message), SimulatorJson.Camel.AdminError, context.RequestAborted);
}
