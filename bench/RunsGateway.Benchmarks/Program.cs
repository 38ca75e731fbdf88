// `redis-throughput` is a console mode driven by bench/redis-throughput.sh; everything else goes to BenchmarkDotNet.
if (args is ["redis-throughput", ..])
{
    return await RunsGateway.Benchmarks.Redis.RedisThroughput.RunAsync(args[1..]);
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
