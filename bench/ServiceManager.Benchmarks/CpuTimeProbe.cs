using System.Diagnostics;
using System.Globalization;
using ServiceManager.Monitoring.Metrics;

namespace ServiceManager.Benchmarks;

/// <summary>
/// The target is CPU time, which BenchmarkDotNet does not report: this runs many cycles in-process and divides the
/// process's user+system time (most of a cycle is syscalls) by the count.
/// </summary>
internal static class CpuTimeProbe
{
    public static int Run(int instances, int cycles)
    {
        using var sleepers = new Sleepers(instances);
        var sampler = new MetricsSampler(TimeProvider.System);
        for (var i = 0; i < sleepers.Children.Count; i++)
            sampler.Track($"sleeper-{i}", sleepers.Children[i].Pid);
        for (var i = 0; i < 20; i++)
            sampler.SampleNow();

        var processes = Directory.EnumerateDirectories("/proc").Count(d => char.IsAsciiDigit(Path.GetFileName(d)[0]));
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var userBefore = self.UserProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
            sampler.SampleNow();
        wall.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        var user = self.UserProcessorTime - userBefore;

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "instances: {0}, processes on the machine: {1}, cycles: {2}", instances, processes, cycles));
        Console.WriteLine(string.Format(c, "CPU per cycle:  {0:0.000} ms (user {1:0.000} ms, system {2:0.000} ms)",
            cpu.TotalMilliseconds / cycles, user.TotalMilliseconds / cycles, (cpu - user).TotalMilliseconds / cycles));
        Console.WriteLine(string.Format(c, "wall per cycle: {0:0.000} ms", wall.Elapsed.TotalMilliseconds / cycles));
        Console.WriteLine(string.Format(c, "allocated per cycle: {0:0} B", (double)allocated / cycles));
        sampler.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cpu.TotalMilliseconds / cycles < 5 ? 0 : 1;
    }
}
