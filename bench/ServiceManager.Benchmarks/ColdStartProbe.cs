using System.Diagnostics;
using System.Globalization;
using System.Text;
using ServiceManager.Config;
using ServiceManager.Platform.Unix;
using ServiceManager.Supervision;

namespace ServiceManager.Benchmarks;

/// <summary>
/// The supervision share of a cold start: load a config of N auto_start `sleep` services and apply it to a fresh
/// <see cref="Fleet"/> with the real spawner, until every instance runs. Daemon start-up, the socket and state.json
/// are not included. Goal (issue 5): cold start of 100 services ≤ 0.3 s.
/// </summary>
internal static class ColdStartProbe
{
    public static int Run(int services, int runs)
    {
        var c = CultureInfo.InvariantCulture;
        var work = Directory.CreateTempSubdirectory("svcmgr-bench-cold-").FullName;
        var failed = false;
        try
        {
            var configPath = Path.Combine(work, "services.toml");
            var toml = new StringBuilder("[templates.sleeper]\nstart_command = \"sleep 100000\"\n");
            for (var i = 0; i < services; i++)
                toml.Append(c, $"\n[instances.sleeper-{i}]\ntemplate = \"sleeper\"\nauto_start = true\n");
            File.WriteAllText(configPath, toml.ToString());
            var environment = ConfigLoader.ProcessEnvironment();

            Console.WriteLine(string.Format(c, "{0} services, {1} runs; load average {2}", services, runs, LogThroughputProbe.LoadAverage()));
            for (var run = 0; run < runs; run++)
            {
                using var spawner = new UnixProcessSpawner();
                var self = Process.GetCurrentProcess();
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var wall = Stopwatch.StartNew();

                var config = ConfigLoader.Load(configPath, environment);
                var loaded = wall.Elapsed;
                var fleet = new Fleet(new FleetOptions(Path.Combine(work, "logs-" + run.ToString(c))), spawner, TimeProvider.System);
                fleet.ApplyAsync(config).GetAwaiter().GetResult();
                wall.Stop();

                self.Refresh();
                var cpu = self.TotalProcessorTime - cpuBefore;
                var running = fleet.List().Count(s => s.State == InstanceState.Running && s.Pid is not null);
                failed |= running != services;
                Console.WriteLine(string.Format(c,
                    "run {0}: all running after {1:0.000} s (config load {2:0.000} s); CPU {3:0.000} s; {4} of {5} running",
                    run + 1, wall.Elapsed.TotalSeconds, loaded.TotalSeconds, cpu.TotalSeconds, running, services));
                fleet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return failed ? 1 : 0;
    }
}
