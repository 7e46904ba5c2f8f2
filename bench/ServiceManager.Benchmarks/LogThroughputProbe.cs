using System.Diagnostics;
using System.Globalization;
using System.Text;
using ServiceManager.Logs;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Benchmarks;

/// <summary>
/// One real child prints N lines of 100 bytes as fast as it can (`cat` of a prepared file, so the producer is not the
/// bottleneck); the real spawner's I/O thread feeds them to a real <see cref="InstanceLog"/>. Measures the time until
/// the child's exit is reported (by then every line has been written: pipes are drained before the exit), the
/// process's CPU time and the I/O thread's, and checks every file line by line: in order, none lost.
/// Goal (issue 5): 1,000,000 lines at ≥ 1M lines/s, ≤ 1 CPU-s, 0 lost.
/// </summary>
internal static class LogThroughputProbe
{
    public static int Run(int lines, int runs)
    {
        var c = CultureInfo.InvariantCulture;
        var work = Directory.CreateTempSubdirectory("svcmgr-bench-flood-").FullName;
        var failed = false;
        try
        {
            var source = Path.Combine(work, "lines.txt");
            using (var writer = new StreamWriter(source, false, new UTF8Encoding(false), 1 << 20))
            {
                for (var i = 0; i < lines; i++)
                    writer.Write(LogChunks.Line(i) + "\n");
            }
            _ = File.ReadAllBytes(source); // into the page cache

            using var spawner = new UnixProcessSpawner();
            var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/bin:/bin" };
            Console.WriteLine(string.Format(c, "{0:N0} lines of {1} bytes, {2} runs; load average {3}", lines, LogChunks.LineBytes, runs, LoadAverage()));
            for (var run = 0; run < runs; run++)
            {
                var directory = Path.Combine(work, "run-" + run.ToString(c));
                // Big enough to keep every line (130 MB for 1M lines) while still rotating several times.
                var options = new LogOptions(directory, MaxFileBytes: 32 * 1024 * 1024, MaxFiles: 64);
                var log = new InstanceLog("flood", options, TimeProvider.System);

                GC.Collect();
                var self = Process.GetCurrentProcess();
                var cpuBefore = self.TotalProcessorTime;
                var ioBefore = ThreadCpu.Seconds("svcmgr-child-io");
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var gcBefore = GC.CollectionCount(0);
                var wall = Stopwatch.StartNew();

                using var child = spawner.Spawn(new SpawnRequest("cat", [source], env, work), log);
                var exit = child.Exited.GetAwaiter().GetResult();
                wall.Stop();

                self.Refresh();
                var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
                var io = ThreadCpu.Seconds("svcmgr-child-io") - ioBefore;
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                var gcs = GC.CollectionCount(0) - gcBefore;
                log.Dispose();

                var (found, bad) = Verify(directory, lines);
                var ok = exit.Code == 0 && found == lines && bad == 0;
                failed |= !ok;
                Console.WriteLine(string.Format(c,
                    "run {0}: {1:0.000} s wall, {2:N0} lines/s; CPU {3:0.000} s (I/O thread {4:0.000} s); {5:0} B allocated per line, {6} gen0 GCs; {7:N0} lines in the files, {8} out of order or damaged{9}",
                    run + 1, wall.Elapsed.TotalSeconds, lines / wall.Elapsed.TotalSeconds, cpu, io, (double)allocated / lines, gcs,
                    found, bad, ok ? "" : "  <-- FAILED"));
                Directory.Delete(directory, recursive: true);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return failed ? 1 : 0;
    }

    internal static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>Reads the rotated files oldest first, then the live one; every line must be the next number.</summary>
    private static (int Found, int Bad) Verify(string directory, int expected)
    {
        var files = Directory.GetFiles(directory, "flood.log.*")
            .Select(f => (Path: f, Index: int.TryParse(f[(f.LastIndexOf('.') + 1)..], CultureInfo.InvariantCulture, out var n) ? n : 0))
            .Where(f => f.Index > 0)
            .OrderByDescending(f => f.Index)
            .Select(f => f.Path)
            .Append(Path.Combine(directory, "flood.log"));
        var next = 0;
        var bad = 0;
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                // "2026-11-25T16:05:24.123Z out " + text
                var text = line.Length > 29 ? line[29..] : "";
                if (text != LogChunks.Line(next))
                    bad++;
                next++;
            }
        }
        return (next, bad + Math.Abs(expected - next));
    }
}
