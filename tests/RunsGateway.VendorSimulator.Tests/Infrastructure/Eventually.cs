using System.Diagnostics;

namespace RunsGateway.VendorSimulator.Tests.Infrastructure;

/// <summary>Polls a condition with a deadline, for effects that cross a real socket (an abort reaching the server).</summary>
public static class Eventually
{
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
