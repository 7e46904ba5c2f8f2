using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Config.Model;
using ServiceManager.Logs;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;
using ServiceManager.Supervision;

namespace ServiceManager.Benchmarks;

/// <summary>
/// What cgroup mode costs a restart, both modes in one run: two real supervisors (restart=always, zero backoff), one
/// spawning into process groups only and one into cgroups (fresh leaf, /bin/sh pre-exec step), SIGKILLed in turn.
/// Timed: SIGKILL → the new child's program prints its first line (<c>sh -c 'echo up; exec sleep'</c>: the program
/// itself runs, after the pre-exec step, not just the shell that does it), and SIGKILL → the spawner returns.
/// Needs cgroup v2 write access (root).
/// </summary>
internal static class CgroupCostProbe
{
    public static int Run(int restarts)
    {
        var directory = Directory.CreateTempSubdirectory("svcmgr-bench-cgroup-").FullName;
        var cgroups = CgroupContainment.TryCreate(directory, out var reason);
        if (cgroups is null)
        {
            Console.Error.WriteLine($"cgroups are not usable here: {reason}");
            return 1;
        }

        using var plainSpawner = new UnixProcessSpawner();
        using var cgroupSpawner = new UnixProcessSpawner(null, cgroups);
        var plain = new Subject("groups", plainSpawner, directory);
        var contained = new Subject("cgroups", cgroupSpawner, directory);
        var failures = 0;
        for (var i = 0; i < restarts + 5; i++)
        {
            foreach (var subject in new[] { plain, contained })
            {
                if (!subject.KillAndWait(record: i >= 5)) failures++; // 5 warm-up rounds: JIT, thread pool growth
            }
        }
        plain.Dispose();
        contained.Dispose();
        cgroups.Root.TryRemove();
        Directory.Delete(directory, recursive: true);

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "{0} restarts each, alternating; load average {1}; {2} failed", restarts, LogThroughputProbe.LoadAverage(), failures));
        foreach (var s in new[] { plain, contained })
        {
            Console.WriteLine($"{s.Name,-8} SIGKILL → spawner returned:   {Describe(s.ToSpawned)}");
            Console.WriteLine($"{s.Name,-8} SIGKILL → program's first line: {Describe(s.ToOutput)}");
        }
        Console.WriteLine(string.Format(c, "ratio cgroups/groups, SIGKILL → first line, median: {0:0.00}× (+{1:0.000} ms)",
            Median(contained.ToOutput) / Median(plain.ToOutput), Median(contained.ToOutput) - Median(plain.ToOutput)));
        return failures == 0 ? 0 : 1;
    }

    private static string Describe(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        return string.Format(CultureInfo.InvariantCulture, "median {0:0.000} ms, p10 {1:0.000}, p90 {2:0.000}",
            Median(ms), sorted[sorted.Count / 10], sorted[sorted.Count * 9 / 10]);
    }

    private static double Median(List<double> ms) => ms.Order().ElementAt(ms.Count / 2);

    /// <summary>One supervised instance and its timestamps.</summary>
    private sealed class Subject : IChildOutputSink, IProcessSpawner, IDisposable
    {
        private readonly IProcessSpawner _spawner;
        private readonly InstanceLog _log;
        private readonly InstanceSupervisor _supervisor;
        private readonly SemaphoreSlim _output = new(0);
        private long _spawned;
        private long _firstOutput;
        private int _expectFirst;

        public Subject(string name, IProcessSpawner spawner, string directory)
        {
            Name = name;
            _spawner = spawner;
            _log = new InstanceLog(name, new LogOptions(directory), TimeProvider.System);
            var definition = new InstanceDefinition(
                name, null, ["sh", "-c", "echo up; exec sleep 100000"], new Dictionary<string, string>(), directory, null, false, [],
                new RestartSettings(RestartPolicy.Always, TimeSpan.Zero, TimeSpan.FromSeconds(30), 0, TimeSpan.FromSeconds(10)),
                new StopSettings(SignalNames.SIGTERM, TimeSpan.FromSeconds(5), null), null, null, [],
                new SourceLocation("bench", 1, 1));
            var context = new SupervisorContext(this, TimeProvider.System, DaemonEnvironment.Capture(), NullLogger.Instance);
            _supervisor = new InstanceSupervisor(definition, 1, this, _log.AppendSystemLine, context);
            Volatile.Write(ref _expectFirst, 1);
            _supervisor.StartAsync().GetAwaiter().GetResult();
            _output.Wait();
        }

        public string Name { get; }

        public List<double> ToSpawned { get; } = [];

        public List<double> ToOutput { get; } = [];

        public bool KillAndWait(bool record)
        {
            var pid = _supervisor.Snapshot.Pid ?? throw new InvalidOperationException("no child");
            Thread.Sleep(20); // let the previous restart's follow-up work (log lines, events) finish
            Volatile.Write(ref _expectFirst, 1);
            var killed = Stopwatch.GetTimestamp();
            UnixProcess.Signal(pid, SignalNames.SIGKILL);
            if (!_output.Wait(TimeSpan.FromSeconds(10))) return false;
            if (record)
            {
                ToSpawned.Add(Stopwatch.GetElapsedTime(killed, Volatile.Read(ref _spawned)).TotalMilliseconds);
                ToOutput.Add(Stopwatch.GetElapsedTime(killed, Volatile.Read(ref _firstOutput)).TotalMilliseconds);
            }
            return true;
        }

        public IChildProcess Spawn(SpawnRequest request, IChildOutputSink sink)
        {
            var child = _spawner.Spawn(request, sink);
            Volatile.Write(ref _spawned, Stopwatch.GetTimestamp());
            return child;
        }

        public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
        {
            if (Interlocked.Exchange(ref _expectFirst, 0) == 1)
            {
                Volatile.Write(ref _firstOutput, Stopwatch.GetTimestamp());
                _output.Release();
            }
            _log.OnOutput(stream, data);
        }

        public void OnClosed(OutputStream stream) => _log.OnClosed(stream);

        public void Dispose()
        {
            _supervisor.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _log.Dispose();
            _output.Dispose();
        }
    }
}
