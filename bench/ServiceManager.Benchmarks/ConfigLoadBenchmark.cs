using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ServiceManager.Config;
using ServiceManager.Config.Model;

namespace ServiceManager.Benchmarks;

/// <summary>
/// <see cref="ConfigLoader.Load"/> (read, TOML tree, binding, templates, ports, placeholders, cross-checks): the
/// example config, and a generated file of 100 services as a daemon cold start with 100 services would load it.
/// </summary>
[MemoryDiagnoser]
public class ConfigLoadBenchmark
{
    private IReadOnlyDictionary<string, string> _environment = null!;
    private string _example = null!;
    private string _directory = null!;
    private string _hundred = null!;

    [GlobalSetup]
    public void Setup()
    {
        _environment = ConfigLoader.ProcessEnvironment();
        _example = RepositoryFiles.Path("config/services.toml");
        _directory = Directory.CreateTempSubdirectory("svcmgr-bench-config-").FullName;
        _hundred = Path.Combine(_directory, "services.toml");
        File.WriteAllText(_hundred, Generate(100));
        // Fail here, not inside the measurement, if either file does not load.
        _ = ConfigLoader.Load(_example, _environment);
        if (ConfigLoader.Load(_hundred, _environment).Instances.Count != 100)
            throw new InvalidOperationException("the generated config does not hold 100 instances");
    }

    [Benchmark(Baseline = true)]
    public ServicesConfig ExampleConfig() => ConfigLoader.Load(_example, _environment);

    [Benchmark]
    public ServicesConfig HundredServices() => ConfigLoader.Load(_hundred, _environment);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Four templates of the kinds the example uses; instances spread over them with ports, tags, env.</summary>
    internal static string Generate(int instances)
    {
        var c = CultureInfo.InvariantCulture;
        var toml = new StringBuilder();
        toml.Append("""
            [daemon]
            default_port_range = [20000, 20999]
            log_max_size = "10M"
            log_max_files = 5

            [templates.web]
            display_name = "Static web server"
            start_command = "python3 -m http.server {port} --bind 127.0.0.1"
            working_dir = "{config}"
            port_range = [21000, 21999]
            env = { PYTHONUNBUFFERED = "1" }
            restart = "on-failure"
            stop_timeout = "5s"
            tags = ["web"]

            [templates.worker]
            start_command = "while true; do echo \"$SVCMGR_INSTANCE: $JOB_QUEUE\"; sleep 3; done"
            shell = true
            env = { JOB_QUEUE = "default" }
            restart = "always"
            backoff_initial = "500ms"
            backoff_max = "10s"
            max_memory = "64M"

            [templates.api]
            start_command = ["python3", "-c", "import time; time.sleep(1e6)", "--port", "{port}"]
            env = { HOME_DIR = "${HOME}" }
            restart = "always"

            [templates.sleeper]
            start_command = "sleep 100000"

            """);
        string[] templates = ["web", "worker", "api", "sleeper"];
        for (var i = 0; i < instances; i++)
        {
            var template = templates[i % templates.Length];
            toml.Append(c, $"\n[instances.{template}-{i}]\ntemplate = \"{template}\"\nauto_start = true\n");
            toml.Append(c, $"tags = [\"{template}\", \"group-{i % 7}\"]\n");
            if (template == "worker")
                toml.Append(c, $"env = {{ JOB_QUEUE = \"queue-{i}\" }}\n");
        }
        return toml.ToString();
    }
}
