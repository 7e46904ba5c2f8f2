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
/// What cgroup mode costs a restart, for both spawn methods, in one run: four real supervisors (restart=always, zero
/// backoff) — process groups and cgroups (a fresh leaf per run), each with the native spawner (clone3, born in the
/// leaf) and with the fallback (posix_spawn; in a cgroup, the /bin/sh pre-exec step that migrates itself) — SIGKILLed
/// in turn. Timed: SIGKILL → the new child's program prints its first line (<c>sh -c 'echo up; exec sleep'</c>: the
/// program itself runs, after any pre-exec step, not just the shell that does it), and SIGKILL → the spawner returns;
/// reported as ratios to the <see cref="SpawnFloor"/>, measured in the same rounds. Needs cgroup v2 write access (root)
/// and the native spawner (x86_64).
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

        if (UnixProcessSpawner.Clone3UnavailableReason is { } unavailable)
        {
            Console.Error.WriteLine($"the native spawner is not available here: {unavailable}");
            return 1;
        }

        var spawners = new List<UnixProcessSpawner>();
        Subject NewSubject(string name, CgroupContainment? containment, SpawnMethod method)
        {
            var spawner = new UnixProcessSpawner(null, containment, method);
            spawners.Add(spawner);
            return new Subject(name, $"s{spawners.Count}", spawner, directory);
        }
        Subject[] subjects =
        [
            NewSubject("groups, clone3", null, SpawnMethod.Clone3),
            NewSubject("cgroups, clone3", cgroups, SpawnMethod.Clone3),
            NewSubject("groups, posix_spawn", null, SpawnMethod.PosixSpawn),
            NewSubject("cgroups, posix_spawn + sh", cgroups, SpawnMethod.PosixSpawn),
        ];
        using var floor = new SpawnFloor(directory);
        var failures = 0;
        for (var i = 0; i < restarts + 5; i++)
        {
            var record = i >= 5; // 5 warm-up rounds: JIT, thread pool growth
            if (!floor.Measure(record)) failures++;
            foreach (var subject in subjects)
            {
                if (!subject.KillAndWait(record)) failures++;
            }
        }
        foreach (var subject in subjects) subject.Dispose();
        foreach (var spawner in spawners) spawner.Dispose();
        cgroups.Root.TryRemove();
        Directory.Delete(directory, recursive: true);

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "{0} restarts each, in turn; load average {1}; {2} failed", restarts, LogThroughputProbe.LoadAverage(), failures));
        Console.WriteLine($"{"spawn floor (posix_spawn)",-26} spawn → program's first line:   {Describe(floor.ToOutput)}");
        foreach (var s in subjects)
        {
            Console.WriteLine($"{s.Name,-26} SIGKILL → spawner returned:    {Describe(s.ToSpawned)}");
            Console.WriteLine($"{s.Name,-26} SIGKILL → program's first line: {Describe(s.ToOutput)}");
        }
        var floorMedian = Median(floor.ToOutput);
        foreach (var s in subjects)
        {
            Console.WriteLine(string.Format(c, "{0,-26} SIGKILL → first line, median: {1:0.00}× the spawn floor (+{2:0.000} ms)",
                s.Name, Median(s.ToOutput) / floorMedian, Median(s.ToOutput) - floorMedian));
        }
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
        // The child's first line can reach the sink before Spawn has returned to the supervisor, so the spawn's
        // timestamp is waited for on its own.
        private readonly SemaphoreSlim _spawnReturned = new(0);
        private long _spawned;
        private long _firstOutput;
        private int _expectFirst;

        public Subject(string name, string id, IProcessSpawner spawner, string directory)
        {
            Name = name;
            _spawner = spawner;
            _log = new InstanceLog(id, new LogOptions(directory), TimeProvider.System);
            var definition = new InstanceDefinition(
                id, null, ["sh", "-c", "echo up; exec sleep 100000"], new Dictionary<string, string>(), directory, null, false, [],
                new RestartSettings(RestartPolicy.Always, TimeSpan.Zero, TimeSpan.FromSeconds(30), 0, TimeSpan.FromSeconds(10)),
                new StopSettings(SignalNames.SIGTERM, TimeSpan.FromSeconds(5), null), null, null, [],
                new SourceLocation("bench", 1, 1));
            var context = new SupervisorContext(this, TimeProvider.System, DaemonEnvironment.Capture(), NullLogger.Instance);
            _supervisor = new InstanceSupervisor(definition, 1, this, _log.AppendSystemLine, context);
            Volatile.Write(ref _expectFirst, 1);
            _supervisor.StartAsync().GetAwaiter().GetResult();
            _output.Wait();
            _spawnReturned.Wait();
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
            if (!_output.Wait(TimeSpan.FromSeconds(10)) || !_spawnReturned.Wait(TimeSpan.FromSeconds(10))) return false;
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
            _spawnReturned.Release();
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
            _spawnReturned.Dispose();
        }
    }
}
