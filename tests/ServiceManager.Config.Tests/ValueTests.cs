using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.Tests;

public sealed class ValueTests : ConfigTestBase
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    public void Durations_parse(string text, int milliseconds)
    {
        Units.TryParseDuration(text, out var value).Should().BeTrue();
        value.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("s")]
    [InlineData("")]
    [InlineData("-1s")]
    public void Malformed_durations_are_rejected(string text) => Units.TryParseDuration(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("512K", 512L * 1024)]
    [InlineData("500M", 500L * 1024 * 1024)]
    [InlineData("1G", 1024L * 1024 * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("10m", 10L * 1024 * 1024)]
    [InlineData("4096", 4096)]
    public void Sizes_parse_in_binary_units(string text, long bytes)
    {
        Units.TryParseSize(text, out var value).Should().BeTrue();
        value.Should().Be(bytes);
    }

    [Theory]
    [InlineData("5X")]
    [InlineData("M")]
    [InlineData("")]
    public void Malformed_sizes_are_rejected(string text) => Units.TryParseSize(text, out _).Should().BeFalse();

    [Fact]
    public void Every_setting_reaches_the_definition()
    {
        var config = Load("""
            [daemon]
            log_max_size = "1M"
            log_max_files = 3
            log_buffer_lines = 200

            [templates.t]
            start_command = "serve"
            restart = "always"
            backoff_initial = "250ms"
            backoff_max = "1m"
            max_restarts_per_minute = 9
            min_uptime = "2s"
            stop_signal = "SIGINT"
            stop_timeout = "3s"
            max_memory = "500M"
            health_endpoint = "tcp://127.0.0.1:5432"
            health_interval_ms = 1000
            health_timeout_ms = 200
            restart_on_unhealthy = true
            tags = ["db"]
            depends_on = []
            category = "data"

            [instances.i]
            template = "t"
            stop_signal = "HUP"
            max_memory = 1048576
            """);

        config.Daemon.Should().Be(new DaemonSettings(new PortRange(8000, 8999), 1024 * 1024, 3, 200));
        var i = config.Instances.Single();
        i.Restart.Should().Be(new RestartSettings(RestartPolicy.Always, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1), 9, TimeSpan.FromSeconds(2)));
        i.Stop.Should().Be(new StopSettings(1, TimeSpan.FromSeconds(3), null));
        i.MaxMemoryBytes.Should().Be(1048576);
        i.Health.Should().Be(new HealthCheckSettings("tcp://127.0.0.1:5432", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200)) { RestartOnUnhealthy = true });
        i.Tags.Should().Equal("db");
        i.Category.Should().Be("data");
    }

    [Fact]
    public void Cgroups_are_used_where_possible_unless_turned_off()
    {
        Load("").Daemon.Cgroups.Should().Be(CgroupMode.Auto);
        Load("[daemon]\ncgroups = \"auto\"\n").Daemon.Cgroups.Should().Be(CgroupMode.Auto);
        Load("[daemon]\ncgroups = \"off\"\n").Daemon.Cgroups.Should().Be(CgroupMode.Off);

        var error = SingleError("[daemon]\ncgroups = \"of\"\n");
        error.Key.Should().Be("daemon.cgroups");
        error.Location.Line.Should().Be(2);
        error.Message.Should().Contain("expected \"auto\" or \"off\", got \"of\"").And.Contain("off");
    }

    [Fact]
    public void Restart_on_unhealthy_is_off_unless_asked_for()
    {
        var config = Load("[instances.i]\nstart_command = \"sleep 1\"\nhealth_endpoint = \"tcp://127.0.0.1:1\"\n");

        config.Instances.Single().Health!.RestartOnUnhealthy.Should().BeFalse();
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_said()
    {
        var config = Load("[instances.i]\nstart_command = \"sleep 1\"\n");

        config.Daemon.Should().Be(DaemonSettings.Default);
        var i = config.Instances.Single();
        i.Restart.Should().Be(RestartSettings.Default);
        i.Stop.Should().Be(StopSettings.Default);
        i.Health.Should().BeNull();
        i.AutoStart.Should().BeFalse();
        i.MaxMemoryBytes.Should().BeNull();
        i.Tags.Should().BeEmpty();
        i.WorkingDirectory.Should().Be(Dir.Path);
        i.Location.Should().Be(new SourceLocation(ConfigPath, 1, 1));
    }

    [Theory]
    [InlineData("min_uptime = \"10\"", "instances.i.min_uptime", "expected a duration such as \"250ms\", \"10s\", \"5m\" or \"1h\", got \"10\"")]
    [InlineData("stop_timeout = 10", "instances.i.stop_timeout", "expected a duration string such as \"10s\", found an integer")]
    [InlineData("max_memory = \"lots\"", "instances.i.max_memory", "expected a size such as \"512K\", \"500M\", \"1G\" or a number of bytes, above zero")]
    [InlineData("max_restarts_per_minute = 0", "instances.i.max_restarts_per_minute", "must be at least 1, got 0")]
    [InlineData("health_endpoint = \"localhost:80\"", "instances.i.health_endpoint", "expected http://..., https://..., tcp://HOST:PORT or exec:COMMAND, got \"localhost:80\"")]
    [InlineData("backoff_initial = \"1m\"", "instances.i.backoff_initial", "backoff_initial (1m00s) is longer than backoff_max (30s)")]
    public void Bad_values_are_errors(string line, string key, string message)
    {
        var error = SingleError($"[instances.i]\nstart_command = \"sleep 1\"\n{line}\n");
        error.Key.Should().Be(key);
        error.Message.Should().Be(message);
        error.Location.Line.Should().Be(3);
    }

    [Fact]
    public void Instance_keys_override_template_keys_and_env_tables_merge()
    {
        var config = Load("""
            [templates.t]
            start_command = "serve"
            restart = "never"
            tags = ["a"]
            env = { A = "template", B = "template" }
            [instances.i]
            template = "t"
            restart = "always"
            tags = ["b"]
            env = { B = "instance", C = "instance" }
            """);

        var i = config.Instances.Single();
        i.Restart.Policy.Should().Be(RestartPolicy.Always);
        i.Tags.Should().Equal("b");
        i.Environment.Should().Contain("A", "template").And.Contain("B", "instance").And.Contain("C", "instance");
        config.Templates["t"].Tags.Should().Equal("a");
    }

    [Fact]
    public void Shell_true_runs_the_text_with_bin_sh()
    {
        var config = Load("""
            [instances.i]
            start_command = "echo one && echo {name} | tr a-z A-Z > out.txt"
            shell = true
            """);

        config.Instances.Single().Command.Should().Equal("/bin/sh", "-c", "echo one && echo i | tr a-z A-Z > out.txt");
    }

    [Fact]
    public void Shell_true_with_an_array_command_is_an_error()
    {
        SingleError("[instances.i]\nstart_command = [\"a\"]\nshell = true\n").Message
            .Should().Be("shell = true needs start_command as a string, not an array");
    }

    [Fact]
    public void An_array_command_is_used_as_argv_without_splitting()
    {
        var config = Load("""
            [instances.i]
            start_command = ["printf", "%s and %s\n", "a b", "{name}"]
            """);

        config.Instances.Single().Command.Should().Equal("printf", "%s and %s\n", "a b", "i");
    }

    [Fact]
    public void An_empty_stop_command_means_none_and_a_given_one_keeps_pid_for_the_supervisor()
    {
        var config = Load("""
            [instances.a]
            start_command = "sleep 1"
            stop_command = ""
            [instances.b]
            start_command = "sleep 1"
            stop_command = "kill -USR1 {pid} # {name}"
            """);

        Instance(config, "a").Stop.Command.Should().BeNull();
        Instance(config, "b").Stop.Command.Should().Be("kill -USR1 {pid} # b");
    }

    [Fact]
    public void Template_definitions_describe_the_template_as_written()
    {
        var config = Load("""
            [templates.web]
            display_name = "Web"
            start_command = ["python3", "-m", "http.server", "{port}", "a b"]
            default_port = 8000
            health_endpoint = "http://127.0.0.1:{port}/"
            """);

        var web = config.Templates["web"];
        web.Should().BeEquivalentTo(new
        {
            Id = "web",
            DisplayName = "Web",
            StartCommand = "python3 -m http.server {port} 'a b'",
            DefaultPort = 8000,
            SupportsMultiple = true,
            HealthEndpoint = "http://127.0.0.1:{port}/",
        });
        web.Location.Should().Be(new SourceLocation(ConfigPath, 1, 1));
        config.Instances.Should().BeEmpty();
    }
}
