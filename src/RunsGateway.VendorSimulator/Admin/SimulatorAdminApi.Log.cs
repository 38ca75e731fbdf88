namespace RunsGateway.VendorSimulator.Admin;

internal static partial class SimulatorAdminApi
{
    [LoggerMessage(10, LogLevel.Information, "Simulator fault for {Vendor}: status {Status}, rate {Rate}, latency {LatencyMs} ms, malformed {Malformed}, hang {Hang}.")]
    private static partial void LogFaultSet(ILogger logger, string vendor, int status, double rate, int latencyMs, bool malformed, bool hang);
}
