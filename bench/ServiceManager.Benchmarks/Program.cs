using BenchmarkDotNet.Running;
using ServiceManager.Benchmarks;

// `--cpu-time [instances] [cycles]`: the CPU-time check of the metrics cycle; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "--cpu-time")
{
    var instances = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
    var cycles = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    return CpuTimeProbe.Run(instances, cycles);
}

BenchmarkSwitcher.FromAssembly(typeof(SamplingCycleBenchmark).Assembly).Run(args);
return 0;
