namespace RunsGateway.VendorSimulator.Infrastructure;

internal sealed partial class VendorRequestPipeline
{
    [LoggerMessage(1, LogLevel.Debug, "Simulated {Vendor} request hangs until the client gives up.")]
    private static partial void LogHanging(ILogger logger, string vendor);

    [LoggerMessage(2, LogLevel.Debug, "Simulated {Vendor} fault: status {Status}, malformed {Malformed}.")]
    private static partial void LogFaultInjected(ILogger logger, string vendor, int status, bool malformed);
}
