using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

/// <summary>Instances created at run time and the file: ports on the machine, ids and ports the file must leave alone.</summary>
public sealed class RunTimeInstanceTests : ConfigTestBase
{
    private const string Web = """
        [templates.web]
        start_command = "serve {port}"
        default_port = 8000
        port_range = [8000, 8005]
        [templates.db]
        start_command = "db"
        supports_multiple = false
        """;

    private static readonly Dictionary<string, string> _noEnv = [];

    [Fact]
    public void Create_skips_ports_in_use_on_the_machine_and_refuses_an_explicit_one()
    {
        var config = Load(Web);
        var busy = new HashSet<int> { 8000, 8001 };

        var created = ConfigLoader.CreateInstance(config, "web", null, null, [], _noEnv, busy.Contains);
        created.Port.Should().Be(8002);
        created.Origin.Should().Be(InstanceOrigin.Created);

        var act = () => ConfigLoader.CreateInstance(config, "web", null, 8001, [], _noEnv, busy.Contains);
        act.Should().Throw<ConfigException>().Which.Errors.Single().Message.Should().Contain("in use on this machine");

        var full = () => ConfigLoader.CreateInstance(config, "web", null, null, [], _noEnv, _ => true);
        full.Should().Throw<ConfigException>().Which.Errors.Single().Message.Should().Contain("or is in use on this machine");
    }

    [Fact]
    public void The_file_keeps_clear_of_run_time_ports_with_its_automatic_ports()
    {
        Dir.Write("services.toml", Web + "\n[instances.w]\ntemplate = \"web\"\n");

        var config = ConfigLoader.Load(ConfigPath, _noEnv, [new ReservedInstance("adhoc", 8000, null)]);

        config.Instances.Single().Port.Should().Be(8001);
    }

    [Fact]
    public void The_file_cannot_take_a_run_time_instance_id_port_or_single_template()
    {
        Dir.Write("services.toml", Web + "\n" + """
            [instances.adhoc]
            start_command = "x"
            [instances.w]
            template = "web"
            port = 8003
            [instances.d]
            template = "db"
            """);

        var act = () => ConfigLoader.Load(ConfigPath, _noEnv,
            [new ReservedInstance("adhoc", null, null), new ReservedInstance("web-9", 8003, "web"), new ReservedInstance("db-1", null, "db")]);

        var messages = act.Should().Throw<ConfigException>().Which.Errors.Select(e => e.Message).ToList();
        messages.Should().HaveCount(3);
        messages.Should().Contain(m => m.Contains("'adhoc' was created at run time"));
        messages.Should().Contain(m => m.Contains("port 8003 is used by both instance 'web-9' (created at run time"));
        messages.Should().Contain(m => m.Contains("instance 'db-1', created at run time, already uses it"));
    }

    [Fact]
    public void Env_files_read_directly_name_the_file_and_line()
    {
        var path = Dir.Write("x.env", "A=1\nexport B=\"${A}-2\"\nC='unterminated\n");

        var act = () => ConfigLoader.ReadEnvFile(path, _noEnv);

        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString().Should().Be($"{path}:3:3: C: unterminated single quote");
        Dir.Write("x.env", "A=1\nexport B=\"${A}-2\"\n");
        ConfigLoader.ReadEnvFile(path, _noEnv).Should().Equal(new KeyValuePair<string, string>("A", "1"), new KeyValuePair<string, string>("B", "1-2"));
    }
}
