namespace RunsGateway.Benchmarks;

/// <summary>Runs the benchmarks BenchmarkDotNet's command line selects (e.g. <c>--filter '*GatewayRequestBenchmarks*'</c>).</summary>
internal static class BenchmarkProgram
{
    private static void Main(string[] args) =>
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
