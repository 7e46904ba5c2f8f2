using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

/// <summary>instances (replica groups), listen and ready_timeout.</summary>
public sealed class ReplicaKeysTests : ConfigTestBase
{
    [Fact]
    public void Instances_makes_members_with_their_index_and_a_port_each()
    {
        var config = Load("""
            [templates.api]
            start_command = "serve --port {port} --worker {index}"
            port_range = [9100, 9199]
            instances = 2
            env = { WORKER = "{name}/{index}" }
            [instances.api]
            template = "api"
            instances = 3
            [instances.solo]
            start_command = "sleep 1"
            """);

        config.Instances.Select(i => i.Id).Should().Equal("api.0", "api.1", "api.2", "solo");
        config.Groups.Should().ContainSingle().Which.Value.Should().Be(new ReplicaGroup("api", 3, 3), "the instance's count wins over the template's");
        var second = Instance(config, "api.1");
        second.Group.Should().Be("api");
        second.Index.Should().Be(1);
        second.Command.Should().Equal("serve", "--port", "9101", "--worker", "1");
        second.Environment["WORKER"].Should().Be("api.1/1");
        config.Instances.Select(i => i.Port).Should().Equal(9100, 9101, 9102, null);
        Instance(config, "solo").Group.Should().BeNull();
    }

    [Fact]
    public void A_written_port_is_member_0s_and_member_i_gets_port_plus_i()
    {
        var config = Load("""
            [instances.api]
            start_command = "serve {port}"
            port = 9300
            instances = 3
            """);

        config.Instances.Select(i => i.Port).Should().Equal(9300, 9301, 9302);
    }

    [Fact]
    public void Run_time_counts_win_over_the_file_and_are_reported_with_the_files_value()
    {
        Dir.Write("services.toml", """
            [instances.api]
            start_command = "sleep 1"
            instances = 2
            """);

        var config = ConfigLoader.Load(ConfigPath, new Dictionary<string, string>(), replicaCounts: new Dictionary<string, int> { ["api"] = 4 });

        config.Instances.Select(i => i.Id).Should().Equal("api.0", "api.1", "api.2", "api.3");
        config.Groups["api"].Should().Be(new ReplicaGroup("api", 4, 2));
    }

    [Fact]
    public void A_dependency_on_a_group_waits_for_every_member()
    {
        var config = Load("""
            [instances.api]
            start_command = "sleep 1"
            instances = 2
            [instances.web]
            start_command = "sleep 1"
            depends_on = ["api"]
            """);

        Instance(config, "web").DependsOn.Select(d => d.Name).Should().Equal("api.0", "api.1");
    }

    [Fact]
    public void Listen_and_ready_timeout_are_read_with_placeholders_expanded()
    {
        var config = Load("""
            [instances.api]
            start_command = "serve"
            port = 9400
            instances = 2
            listen = "tcp://127.0.0.1:{port}"
            ready_timeout = "5s"
            [instances.sock]
            start_command = "serve"
            listen = "unix:{config}/sock-{name}"
            [instances.relative]
            start_command = "serve"
            listen = "unix:run/relative.sock"
            [instances.plain]
            start_command = "sleep 1"
            """);

        Instance(config, "api.1").Listen.Should().Be(new ListenAddress("tcp://127.0.0.1:9401", "127.0.0.1", 9401, null));
        Instance(config, "api.1").ReadyTimeout.Should().Be(TimeSpan.FromSeconds(5));
        Instance(config, "sock").Listen!.Path.Should().Be(Path.Combine(Dir.Path, "sock-sock"));
        Instance(config, "relative").Listen!.Path.Should().Be(Path.Combine(Dir.Path, "run", "relative.sock"), "relative to the config file");
        Instance(config, "plain").Listen.Should().BeNull();
        Instance(config, "plain").ReadyTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("listen = \"http://127.0.0.1:80\"", "instances.a.listen", 3, 10, "expected \"tcp://HOST:PORT\"")]
    [InlineData("listen = \"tcp://127.0.0.1:99999\"", "instances.a.listen", 3, 10, "port must be between 1 and 65535")]
    [InlineData("instances = 0", "instances.a.instances", 3, 13, "must be between 1 and 256, got 0")]
    [InlineData("ready_timeout = 5", "instances.a.ready_timeout", 3, 17, "expected a duration string")]
    [InlineData("start_command = \"x {index}\"", "instances.a.start_command", 3, 17, "{index} is only available in a replica group")]
    public void Bad_values_name_key_and_position(string line, string key, int row, int column, string message)
    {
        var error = SingleError($"""
            [instances.a]
            auto_start = false
            {line}
            """ + (line.StartsWith("start_command", StringComparison.Ordinal) ? "" : "\nstart_command = \"sleep 1\""));

        error.Key.Should().Be(key);
        error.Location.Should().Be(new SourceLocation(ConfigPath, row, column));
        error.Message.Should().Contain(message);
    }

    [Fact]
    public void A_member_id_taken_by_another_instance_is_an_error()
    {
        var error = SingleError("""
            [instances.api]
            start_command = "sleep 1"
            instances = 2
            [instances."api.1"]
            start_command = "sleep 1"
            """);

        error.Kind.Should().Be(ConfigErrorKind.DuplicateId);
        error.Message.Should().Contain("member 'api.1' of 'api'");
    }
}
