using RunsGateway.Core;

namespace RunsGateway.Live;

/// <summary>
/// One state of a watched run: the run (null when it does not exist), or the vendor failure of the latest poll.
/// </summary>
internal sealed record RunEvent(Run? Run, VendorError? Error)
{
    public static RunEvent NotFound { get; } = new(null, null);
}
