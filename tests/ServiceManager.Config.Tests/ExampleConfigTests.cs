using ServiceManager.Config.Model;

namespace ServiceManager.Config.Tests;

public sealed class ExampleConfigTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static readonly Dictionary<string, string> _projectRoot = new() { ["PROJECT_ROOT"] = "/srv/usm" };

    [Fact]
    public void The_usm_example_loads_unchanged_with_PROJECT_ROOT_set()
    {
        var path = Fixture("usm-services.example.toml");
        var config = ConfigLoader.Load(path, _projectRoot);

        config.Path.Should().Be(path);
        config.Templates.Keys.Should().BeEquivalentTo("management-api", "ollama");
        config.Templates["management-api"].PortRange.Should().Be(new PortRange(8766, 8799));
        config.Templates["ollama"].StartCommand.Should().Be("OLLAMA_HOST=0.0.0.0:{port} ollama serve");

        var api = config.Instances.Single(i => i.Id == "management-api-primary");
        api.Template.Should().Be("management-api");
        api.WorkingDirectory.Should().Be("/srv/usm/server");
        api.Command.Should().Equal("python3", "/srv/usm/server/management/server.py", "--port", "8766");
        api.Port.Should().Be(8766);
        api.AutoStart.Should().BeTrue();
        api.Tags.Should().Equal("core", "primary");
        api.Health.Should().Be(new HealthCheckSettings("http://localhost:8766/health", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));
        api.Environment.Should().Contain("PORT", "8766").And.Contain("SVCMGR_INSTANCE", "management-api-primary")
            .And.Contain("SVCMGR_TEMPLATE", "management-api");
        api.DisplayName.Should().Be("Management API");

        var ollama = config.Instances.Single(i => i.Id == "ollama-primary");
        ollama.Command.Should().Equal("ollama", "serve");
        ollama.Port.Should().Be(11434);
        ollama.Environment.Should().Contain("OLLAMA_HOST", "0.0.0.0:11434").And.Contain("PORT", "11434");
        ollama.AutoStart.Should().BeFalse();
        ollama.WorkingDirectory.Should().Be(Path.GetDirectoryName(path));
        ollama.Health!.Endpoint.Should().Be("http://localhost:11434/api/tags");
        ollama.Restart.Should().Be(RestartSettings.Default);
        ollama.Stop.Should().Be(StopSettings.Default);
    }

    [Fact]
    public void The_usm_example_fails_clearly_without_PROJECT_ROOT()
    {
        var path = Fixture("usm-services.example.toml");
        var act = () => ConfigLoader.Load(path, new Dictionary<string, string>());

        var error = act.Should().Throw<ConfigException>().Which.Errors.Should().ContainSingle().Subject;
        error.Key.Should().Be("instances.management-api-primary.working_dir");
        error.Location.Should().Be(new SourceLocation(path, 27, 15));
        error.Message.Should().Contain("PROJECT_ROOT is not set");
        error.ToString().Should().StartWith($"{path}:27:15: instances.management-api-primary.working_dir: ");
    }

    [Fact]
    public void The_repository_example_config_loads_and_means_what_its_comments_say()
    {
        var config = ConfigLoader.Load(Fixture("services.toml"), new Dictionary<string, string>());
        var dir = Path.GetDirectoryName(Fixture("services.toml"))!;

        config.Instances.Select(i => i.Id).Should().Equal("web-1", "web-2", "worker-1", "worker-2", "clock");
        config.Instances.Select(i => i.Port).Should().Equal(8080, 8081, null, null, null);

        var web = config.Instances[0];
        web.Command.Should().Equal("python3", "-m", "http.server", "8080", "--bind", "127.0.0.1");
        web.WorkingDirectory.Should().Be(dir);
        web.Environment.Should().Contain("PYTHONUNBUFFERED", "1");

        var worker = config.Instances.Single(i => i.Id == "worker-1");
        worker.Command.Should().HaveCount(3).And.StartWith(["/bin/sh", "-c"]);
        worker.Command[2].Should().Contain("$(date -u +%H:%M:%S)").And.Contain("$SVCMGR_INSTANCE");
        worker.Environment.Should().Contain("JOB_QUEUE", "emails");
        worker.DependsOn.Should().Equal("web-1");
        worker.Restart.Policy.Should().Be(RestartPolicy.Always);
        worker.MaxMemoryBytes.Should().Be(64 * 1024 * 1024);

        config.Instances.Single(i => i.Id == "worker-2").AutoStart.Should().BeFalse();
        config.Instances.Single(i => i.Id == "worker-2").Environment.Should().Contain("JOB_QUEUE", "default");
        config.Instances.Single(i => i.Id == "clock").Template.Should().BeNull();
        config.Instances.Single(i => i.Id == "clock").Stop.Signal.Should().Be(2);
        config.Daemon.DefaultPortRange.Should().Be(new PortRange(8100, 8199));
    }
}
