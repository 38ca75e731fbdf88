using System.Text.Json;
using RunsGateway.VendorSimulator.Infrastructure;

namespace RunsGateway.VendorSimulator.Drift;

/// <summary>
/// The drift knob's control endpoints: <c>GET /_simulator/drift</c>, <c>POST /_simulator/drift</c> with
/// <c>{"vendor": "ccextractor"|…|"all", "kinds": ["extraField", "renamedField", "newStatus", "numberAsString"]}</c> (an empty list clears
/// the vendor), <c>DELETE /_simulator/drift[?vendor=]</c>.
/// </summary>
internal static class DriftAdminApi
{
    public static void Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var root = prefix + SimulatorDefaults.AdminPrefix + "/drift";
        endpoints.MapGet(root, context => WriteAsync(context, context.RequestServices.GetRequiredService<PayloadDrift>()));
        endpoints.MapPost(root, SetAsync);
        endpoints.MapDelete(root, (HttpContext context, string? vendor) => Clear(context, vendor));
    }

    private static async Task SetAsync(HttpContext context)
    {
        PayloadDriftRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, PayloadDriftJsonContext.Default.PayloadDriftRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await BadRequestAsync(context, "The body must be {\"vendor\": …, \"kinds\": [\"extraField\" | \"renamedField\" | \"newStatus\" | \"numberAsString\"]}.").ConfigureAwait(false);
            return;
        }

        if (!SimulatedVendors.TryParseSelection(request?.Vendor, out var vendors))
        {
            await BadRequestAsync(context, "vendor is required: ccextractor, neetoplaydash, testvibe, crewship or all.").ConfigureAwait(false);
            return;
        }

        var drift = context.RequestServices.GetRequiredService<PayloadDrift>();
        foreach (var v in vendors)
        {
            drift.Set(v, request!.Kinds ?? []);
        }

        await WriteAsync(context, drift).ConfigureAwait(false);
    }

    private static Task BadRequestAsync(HttpContext context, string message) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status400BadRequest, new DriftAdminError(message), PayloadDriftJsonContext.Default.DriftAdminError, context.RequestAborted);

    private static Task Clear(HttpContext context, string? vendor)
    {
        var drift = context.RequestServices.GetRequiredService<PayloadDrift>();
        if (string.IsNullOrEmpty(vendor))
        {
            drift.ClearAll();
        }
        else if (SimulatedVendors.TryParse(vendor, out var parsed))
        {
            drift.Clear(parsed.Value);
        }
        else
        {
            return BadRequestAsync(context, "vendor must be one of ccextractor, neetoplaydash, testvibe, crewship.");
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task WriteAsync(HttpContext context, PayloadDrift drift)
    {
        var map = SimulatedVendors.All.ToDictionary(v => v.Name(), drift.Get);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, map, PayloadDriftJsonContext.Default.DictionaryStringIReadOnlyListPayloadDriftKind, context.RequestAborted);
    }
}
