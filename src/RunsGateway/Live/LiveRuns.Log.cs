using RunsGateway.Core;

namespace RunsGateway.Live;

internal sealed partial class LiveRuns
{
    [LoggerMessage(60, LogLevel.Information, "Polling a {Vendor} run failed ({Kind}); next poll in {Wait}.")]
    private static partial void LogPollFailed(ILogger logger, Vendor vendor, VendorErrorKind kind, TimeSpan wait);

    [LoggerMessage(61, LogLevel.Error, "Polling a {Vendor} run threw unexpectedly.")]
    private static partial void LogPollThrew(ILogger logger, Vendor vendor, Exception exception);

    [LoggerMessage(62, LogLevel.Warning, "The run cache failed while watching a run; the vendor is polled instead.")]
    private static partial void LogCacheFailed(ILogger logger, Exception exception);
}
