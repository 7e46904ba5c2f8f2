using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

public sealed class LoadTests : ConfigTestBase
{
    private const string WebTemplate = """
        [templates.web]
        start_command = "serve {port}"
        default_port = 8000
        port_range = [8000, 8002]
        [templates.db]
        start_command = "db"
        supports_multiple = false
        [instances.web-1]
        template = "web"
        [instances.db-1]
        template = "db"
        """;

    private static readonly Dictionary<string, string> _noEnv = [];

    [Fact]
    public void A_missing_file_means_no_services()
    {
        var path = Path.Combine(Dir.Path, "absent", "services.toml");
        var config = ConfigLoader.Load(path, _noEnv);

        config.Path.Should().Be(path);
        config.Instances.Should().BeEmpty();
        config.Templates.Should().BeEmpty();
        config.Daemon.Should().Be(DaemonSettings.Default);
    }

    [Fact]
    public void An_empty_file_means_no_services()
    {
        Load("").Instances.Should().BeEmpty();
    }

    [Fact]
    public void A_directory_in_place_of_the_file_is_an_error()
    {
        Directory.CreateDirectory(ConfigPath);
        var act = () => ConfigLoader.Load(ConfigPath, _noEnv);
        act.Should().Throw<ConfigException>().Which.Errors.Single().Message.Should().StartWith("cannot read the config file");
    }

    [Fact]
    public void Parse_uses_the_given_path_for_errors_and_the_config_directory()
    {
        var config = ConfigLoader.Parse("[instances.a]\nstart_command = \"run {config}\"\n", "/etc/svc/services.toml", _noEnv);
        config.Instances.Single().Command.Should().Equal("run", "/etc/svc");
        config.Instances.Single().WorkingDirectory.Should().Be("/etc/svc");

        var act = () => ConfigLoader.Parse("bogus = 1", "/etc/svc/services.toml", _noEnv);
        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString().Should().StartWith("/etc/svc/services.toml:1:1: bogus: unknown key");
    }

    [Fact]
    public void Loading_the_same_file_twice_gives_definitions_that_are_the_same()
    {
        Dir.Write("services.toml", WebTemplate);
        var first = ConfigLoader.Load(ConfigPath, _noEnv);
        var second = ConfigLoader.Load(ConfigPath, _noEnv);

        first.Instances.Zip(second.Instances).Should().OnlyContain(pair => pair.First.SameAs(pair.Second));
    }

    [Fact]
    public void An_instance_created_at_run_time_gets_a_free_port_and_a_generated_id()
    {
        var config = Load(WebTemplate);

        var created = ConfigLoader.CreateInstance(config, "web", null, null, config.Instances, _noEnv);

        created.Id.Should().Be("web-2");
        created.Port.Should().Be(8001);
        created.Command.Should().Equal("serve", "8001");
        created.Environment.Should().Contain("SVCMGR_TEMPLATE", "web");
    }

    [Fact]
    public void Run_time_creation_refuses_taken_ports_ids_and_single_instance_templates()
    {
        var config = Load(WebTemplate);

        Key(() => ConfigLoader.CreateInstance(config, "web", null, 8000, config.Instances, _noEnv)).Should().Be("instances.web-2.port");
        Key(() => ConfigLoader.CreateInstance(config, "web", "web-1", null, config.Instances, _noEnv)).Should().Be("id");
        Key(() => ConfigLoader.CreateInstance(config, "db", null, null, config.Instances, _noEnv)).Should().Be("template");
        Key(() => ConfigLoader.CreateInstance(config, "nope", null, null, config.Instances, _noEnv)).Should().Be("template");
    }

    private static string Key(Func<InstanceDefinition> act) =>
        act.Should().Throw<ConfigException>().Which.Errors.Single().Key;
}
