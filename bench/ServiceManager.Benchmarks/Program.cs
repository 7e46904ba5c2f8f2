using System.Globalization;
using BenchmarkDotNet.Running;
using ServiceManager.Benchmarks;

// Measurement harnesses that BenchmarkDotNet cannot express (CPU time, real children); anything else goes to it.
//   --cpu-time [instances] [cycles]      CPU time of one metrics cycle
//   --log-throughput [lines] [runs]      one child floods its log: lines/s, CPU, loss
//   --restart-latency [restarts]         SIGKILL → new child running with zero backoff
//   --cold-start [services] [runs]       config load + fleet apply until every service runs
//   --cgroup-cost [restarts]             restart latency: process groups vs cgroups, clone3 vs posix_spawn, in one run
//   --web-list [instances] [rounds] [dir] GET /api/instances vs list over the socket (svcmgr, svcmgr-web in dir)
var c = CultureInfo.InvariantCulture;
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], c) : fallback;
switch (args.Length > 0 ? args[0] : "")
{
    case "--cpu-time":
        return CpuTimeProbe.Run(Arg(1, 100), Arg(2, 1000));
    case "--log-throughput":
        return LogThroughputProbe.Run(Arg(1, 1_000_000), Arg(2, 3));
    case "--restart-latency":
        return RestartLatencyProbe.Run(Arg(1, 200));
    case "--cgroup-cost":
        return CgroupCostProbe.Run(Arg(1, 200));
    case "--web-list":
        return WebListProbe.Run(Arg(1, 100), Arg(2, 1000), args.Length > 3 ? args[3] : "artifacts");
    case "--cold-start":
        return ColdStartProbe.Run(Arg(1, 100), Arg(2, 3));
    default:
        BenchmarkSwitcher.FromAssembly(typeof(SamplingCycleBenchmark).Assembly).Run(args);
        return 0;
}
