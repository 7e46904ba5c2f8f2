using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Config.Model;
using ServiceManager.Logs;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;
using ServiceManager.Supervision;

namespace ServiceManager.Benchmarks;

/// <summary>
/// A real <see cref="InstanceSupervisor"/> (restart=always, zero backoff, no crash cap) over the real spawner and a
/// real <see cref="InstanceLog"/>: SIGKILL its child, and time until the spawner has returned the new child (it runs:
/// posix_spawn returns after exec) and until a <see cref="InstanceSupervisor.StateChanged"/> subscriber hears
/// "running". No polling: the spawner wrapper and the handler take the timestamps.
/// Goal (issue 5): SIGKILL → new child running, zero backoff, ≤ 3 ms median.
/// </summary>
internal static class RestartLatencyProbe
{
    public static int Run(int restarts)
    {
        var c = CultureInfo.InvariantCulture;
        var directory = Directory.CreateTempSubdirectory("svcmgr-bench-restart-").FullName;
        using var realSpawner = new UnixProcessSpawner();
        var spawner = new TimingSpawner(realSpawner);
        var log = new InstanceLog("restarter", new LogOptions(directory), TimeProvider.System);
        var definition = new InstanceDefinition(
            "restarter", null, ["sleep", "100000"], new Dictionary<string, string>(), directory, null, false, [],
            new RestartSettings(RestartPolicy.Always, TimeSpan.Zero, TimeSpan.FromSeconds(30), 0, TimeSpan.FromSeconds(10)),
            new StopSettings(SignalNames.SIGTERM, TimeSpan.FromSeconds(5), null), null, null, [],
            new SourceLocation("bench", 1, 1));
        var context = new SupervisorContext(spawner, TimeProvider.System, DaemonEnvironment.Capture(), NullLogger.Instance);
        var supervisor = new InstanceSupervisor(definition, 1, log, log.AppendSystemLine, context);

        long runningHeard = 0;
        using var heard = new SemaphoreSlim(0);
        supervisor.StateChanged += (snapshot, transition) =>
        {
            if (transition.To == InstanceState.Running)
            {
                Volatile.Write(ref runningHeard, Stopwatch.GetTimestamp());
                heard.Release();
            }
        };

        supervisor.StartAsync().GetAwaiter().GetResult();
        heard.Wait();
        var toCalled = new List<double>(restarts);
        var toSpawned = new List<double>(restarts);
        var toHeard = new List<double>(restarts);
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var failures = 0;
        for (var i = 0; i < restarts + 5; i++)
        {
            var pid = supervisor.Snapshot.Pid ?? throw new InvalidOperationException("no child");
            Thread.Sleep(20); // let the previous restart's follow-up work (log lines, events) finish
            var killed = Stopwatch.GetTimestamp();
            UnixProcess.Signal(pid, SignalNames.SIGKILL);
            if (!heard.Wait(TimeSpan.FromSeconds(10)) || supervisor.Snapshot.Pid == pid)
            {
                failures++;
                continue;
            }
            if (i < 5)
                continue; // warm-up: JIT, thread pool growth
            toCalled.Add(Stopwatch.GetElapsedTime(killed, spawner.LastCalled).TotalMilliseconds);
            toSpawned.Add(Stopwatch.GetElapsedTime(killed, spawner.LastSpawned).TotalMilliseconds);
            toHeard.Add(Stopwatch.GetElapsedTime(killed, Volatile.Read(ref runningHeard)).TotalMilliseconds);
        }
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        supervisor.DisposeAsync().AsTask().GetAwaiter().GetResult();
        log.Dispose();
        Directory.Delete(directory, recursive: true);

        Console.WriteLine(string.Format(c, "{0} restarts, load average {1}, {2} failed", toSpawned.Count, LogThroughputProbe.LoadAverage(), failures));
        Console.WriteLine("SIGKILL → supervisor calls spawn:  " + Describe(toCalled));
        Console.WriteLine("SIGKILL → new child spawned:       " + Describe(toSpawned));
        Console.WriteLine("SIGKILL → 'running' event heard:   " + Describe(toHeard));
        Console.WriteLine(string.Format(c, "CPU per restart (whole process, 20 ms pauses included): {0:0.000} ms", cpu / (restarts + 5)));
        return failures == 0 && Median(toSpawned) <= 3 ? 0 : 1;
    }

    private static string Describe(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        return string.Format(CultureInfo.InvariantCulture, "median {0:0.000} ms, p10 {1:0.000}, p90 {2:0.000}, max {3:0.000}",
            Median(ms), sorted[sorted.Count / 10], sorted[sorted.Count * 9 / 10], sorted[^1]);
    }

    private static double Median(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    /// <summary>Takes the timestamp the moment the real spawner returns a child.</summary>
    private sealed class TimingSpawner(IProcessSpawner inner) : IProcessSpawner
    {
        private long _lastCalled;
        private long _lastSpawned;

        /// <summary>When the supervisor called <see cref="Spawn"/> last.</summary>
        public long LastCalled => Volatile.Read(ref _lastCalled);

        public long LastSpawned => Volatile.Read(ref _lastSpawned);

        public IChildProcess Spawn(SpawnRequest request, IChildOutputSink sink)
        {
            Volatile.Write(ref _lastCalled, Stopwatch.GetTimestamp());
            var child = inner.Spawn(request, sink);
            Volatile.Write(ref _lastSpawned, Stopwatch.GetTimestamp());
            return child;
        }
    }
}
