namespace RunsGateway.VendorSimulator;

/// <summary>Marker type of the simulator's assembly, for <c>WebApplicationFactory&lt;VendorSimulatorMarker&gt;</c>.</summary>
public sealed class VendorSimulatorMarker
{
    private VendorSimulatorMarker()
    {
    }
}
