using ServiceManager.Config;
using ServiceManager.Config.Model;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><c>svcmgr import pm2</c> on ecosystem files of the shapes PM2's docs show; the TOML it prints is loaded
/// back through the real config loader and <c>svcmgr validate</c>.</summary>
public sealed class ImportPm2Tests
{
    // The JSON form, with the comments PM2's JSON5 reader allows (the shape of pm2's "ecosystem.json" examples).
    private const string EcosystemJson = """
        {
          "apps": [
            {
              /* General */
              "name": "my-api",
              "script": "index.js",
              "cwd": "api",
              "args": "-a 13 -b 'two words'",
              "interpreter_args": "--harmony",
              // Advanced
              "instances": 1,
              "exec_mode": "fork",
              "watch": true,
              "ignore_watch": ["node_modules", "logs"],
              "max_memory_restart": "150M",
              "env": { "NODE_ENV": "development", "PORT": 3000, "TEMPLATE": "{name} ${HOME}" },
              "env_production": { "NODE_ENV": "production" },
              "autorestart": true,
              "restart_delay": 4000,
              "min_uptime": "30s",
              "max_restarts": 10,
              "kill_timeout": 3000,
              "cron_restart": "0 3 * * *",
              "log_file": "logs/combined.log",
              "out_file": "logs/out.log",
              "error_file": "logs/err.log",
              "merge_logs": true,
              "log_date_format": "YYYY-MM-DD HH:mm Z",
              "pid_file": "pids/api.pid",
              "some_future_key": 1,
            },
            {
              "name": "Nightly Report",
              "script": "report.py",
              "autorestart": false,
              "exp_backoff_restart_delay": 100,
              "cron_restart": "0 0 4 * * *"
            },
            { "name": "bin", "script": "/bin/sleep", "interpreter": "none", "args": ["1000"], "autostart": false }
          ],
          "deploy": { "production": { "user": "node", "host": "212.83.163.1" } }
        }
        """;

    [Fact]
    public async Task A_json_ecosystem_maps_every_key_it_can_lists_the_rest_and_prints_toml_that_loads()
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("ecosystem.json", EcosystemJson);

        var result = await Svcmgr.RunAsync(home.Path, "import", "pm2", file);

        result.ExitCode.Should().Be(0, result.ToString());
        var config = ConfigLoader.Parse(result.Stdout, dir.File("services.toml"), new Dictionary<string, string>());
        config.Instances.Select(i => i.Id).Should().Equal("my-api", "nightly-report", "bin");

        var api = config.Instances[0];
        api.Command.Should().Equal("node", "--harmony", "index.js", "-a", "13", "-b", "two words");
        api.WorkingDirectory.Should().Be(dir.File("api"));
        api.Port.Should().Be(3000, "env.PORT becomes the instance's port (svcmgr sets PORT from it)");
        api.Environment.Should().Contain("NODE_ENV", "development").And.Contain("PORT", "3000");
        api.Environment["TEMPLATE"].Should().Be("{name} ${HOME}", "PM2 expands nothing, so neither may the config");
        api.Restart.Policy.Should().Be(RestartPolicy.Always, "PM2 restarts an app on any exit");
        api.Restart.BackoffInitial.Should().Be(TimeSpan.FromSeconds(4));
        api.Restart.BackoffMax.Should().Be(TimeSpan.FromSeconds(4), "restart_delay is a fixed delay");
        api.Restart.MinUptime.Should().Be(TimeSpan.FromSeconds(30));
        api.Stop.Signal.Should().Be(2, "PM2 stops apps with SIGINT");
        api.Stop.Timeout.Should().Be(TimeSpan.FromSeconds(3));
        api.MaxMemoryBytes.Should().Be(150L * 1024 * 1024);
        api.Watch!.Paths.Should().Equal(".");
        api.Watch.Ignore.Should().Equal("node_modules", "logs");
        api.CronRestart!.Text.Should().Be("0 3 * * *");
        api.AutoStart.Should().BeTrue("PM2 starts every app of the file");

        var report = config.Instances[1];
        report.DisplayName.Should().Be("Nightly Report");
        report.Command.Should().Equal("python", "report.py");
        report.Restart.Policy.Should().Be(RestartPolicy.Never);
        report.Restart.BackoffInitial.Should().Be(TimeSpan.FromMilliseconds(100));
        report.Restart.BackoffMax.Should().Be(TimeSpan.FromSeconds(15));
        report.CronRestart!.Text.Should().Be("0 4 * * *", "PM2's seconds field of 0 is dropped");

        config.Instances[2].Command.Should().Equal("/bin/sleep", "1000");
        config.Instances[2].AutoStart.Should().BeFalse();

        foreach (var key in new[] { "log_file", "out_file", "error_file", "merge_logs", "log_date_format", "pid_file", "max_restarts", "some_future_key", "env_production" })
            result.Stderr.Should().MatchRegex($@"(?m)^svcmgr import: not mapped: apps\[0\] ""my-api"": {key} = .+: .+$", $"{key} must be listed, not dropped");
        result.Stderr.Should().Contain("not mapped: deploy = ");
        result.Stderr.Should().Contain("3 apps -> 3 instances; 10 keys not mapped");
        result.Stdout.Should().MatchRegex("(?m)^# pm2 keys not mapped: .*some_future_key.*\n\\[instances.my-api\\]$", "the TOML says it too, above the instance");
    }

    [Fact]
    public async Task A_js_ecosystem_is_read_through_node_with_instances_and_the_chosen_env()
    {
        NodeIsInstalled();
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("ecosystem.config.js", """
            const port = 4000 + 100;
            module.exports = {
              apps: [{
                name: 'web',
                script: './server.js',
                instances: 3,
                exec_mode: 'cluster',
                watch: ['src', 'config'],
                env: { NODE_ENV: 'development', PORT: port },
                env_production: { NODE_ENV: 'production' },
                env_staging: { NODE_ENV: 'staging' },
              }],
            };
            """);
        var output = dir.File("services.toml");

        var result = await Svcmgr.RunAsync(home.Path, "import", "pm2", file, "--env", "production", "-o", output);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().BeEmpty("the TOML went to --output");
        var config = ConfigLoader.Load(output, new Dictionary<string, string>());
        config.Templates.Keys.Should().Equal("web");
        config.Instances.Select(i => (i.Id, i.Port, i.Environment["NODE_APP_INSTANCE"], i.Environment["NODE_ENV"])).Should().Equal(
            ("web-1", 4100, "0", "production"), ("web-2", 4101, "1", "production"), ("web-3", 4102, "2", "production"));
        config.Instances.Should().AllSatisfy(i => i.Command.Should().Equal("node", "./server.js"));
        config.Instances[0].Watch!.Paths.Should().Equal("src", "config");
        result.Stderr.Should().Contain("exec_mode = \"cluster\": svcmgr has no cluster mode")
            .And.Contain("env_staging = ").And.Contain("pass --env staging");

        var validate = await Svcmgr.RunAsync(home.Path, "validate", output);
        validate.ExitCode.Should().Be(0, validate.ToString());
        validate.Stdout.Should().Contain("valid: 3 instances, 1 template, ports 4100, 4101, 4102");
    }

    [Fact]
    public async Task Output_never_replaces_a_file_without_force()
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("ecosystem.json", """{ "apps": [{ "name": "a", "script": "a.js" }] }""");
        var existing = dir.Write("services.toml", "# mine\n");

        var refused = await Svcmgr.RunAsync(home.Path, "import", "pm2", file, "-o", existing);
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Stderr.Should().Contain("exists; give --force");
        File.ReadAllText(existing).Should().Be("# mine\n");

        var forced = await Svcmgr.RunAsync(home.Path, "import", "pm2", file, "-o", existing, "--force");
        forced.ExitCode.Should().Be(0, forced.ToString());
        ConfigLoader.Load(existing, new Dictionary<string, string>()).Instances.Single().Id.Should().Be("a");
    }

    [Theory]
    [InlineData("{ \"apps\": [ { \"name\": \"a\", \"script\": } ] }", "ecosystem.json:1:", "not valid JSON")]
    [InlineData("{ \"apps\": [ { \"name\": \"a\" } ] }", "ecosystem.json: apps[0]: \"script\" is required", null)]
    [InlineData("{ \"apps\": [] }", "ecosystem.json: \"apps\" must be a non-empty array", null)]
    [InlineData("{ \"services\": {} }", "ecosystem.json: expected an object with \"apps\"", null)]
    public async Task An_ecosystem_pm2_would_not_run_is_exit_3_with_where(string json, string where, string? what)
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("ecosystem.json", json);

        var result = await Svcmgr.RunAsync(home.Path, "import", "pm2", file);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(where, result.ToString());
        if (what is not null) result.Stderr.Should().Contain(what);
    }

    [Fact]
    public async Task Without_node_a_js_ecosystem_is_a_clear_error_naming_node()
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("ecosystem.config.js", "module.exports = { apps: [] };");

        var result = await Svcmgr.RunWithAsync(TimeSpan.FromMinutes(2), home.Path,
            new Dictionary<string, string?> { ["PATH"] = "/nonexistent" }, null, "import", "pm2", file);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("needs node, which is not on PATH");
    }

    private static void NodeIsInstalled()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "node")));
        found.Should().BeTrue("this test reads a .js ecosystem through node; .ci/run installs Debian's nodejs");
    }
}
