using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

public sealed class PortTests : ConfigTestBase
{
    [Fact]
    public void Two_instances_on_one_explicit_port_is_an_error_naming_both()
    {
        var error = SingleError("""
            [instances.alpha]
            start_command = "sleep 1"
            port = 8001
            [instances.beta]
            start_command = "sleep 1"
            port = 8001
            """);

        error.Key.Should().Be("instances.beta.port");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 6, 8));
        error.Message.Should().Be($"port 8001 is used by both instance 'alpha' ({ConfigPath}:3:8) and instance 'beta'");
    }

    [Fact]
    public void The_first_instance_gets_default_port_and_the_others_the_next_free_port_in_the_range()
    {
        var config = Load("""
            [templates.web]
            start_command = "python3 -m http.server {port}"
            default_port = 8000
            port_range = [8000, 8010]
            [instances.a]
            template = "web"
            [instances.b]
            template = "web"
            [instances.c]
            template = "web"
            port = 8001
            """);

        config.Instances.Select(i => (i.Id, i.Port)).Should().Equal(("a", 8000), ("b", 8002), ("c", 8001));
        Instance(config, "b").Command.Should().Equal("python3", "-m", "http.server", "8002");
    }

    [Fact]
    public void An_explicit_port_later_in_the_file_is_never_taken_by_an_automatic_one()
    {
        var config = Load("""
            [templates.web]
            start_command = "serve {port}"
            default_port = 9000
            [instances.auto]
            template = "web"
            [instances.fixed]
            template = "web"
            port = 9000
            """);

        Instance(config, "fixed").Port.Should().Be(9000);
        Instance(config, "auto").Port.Should().Be(8000, "9000 is written down for 'fixed', so 'auto' falls back to the daemon's range");
    }

    [Fact]
    public void Without_a_range_ports_come_from_the_daemon_default_port_range()
    {
        var config = Load("""
            [daemon]
            default_port_range = [9100, 9199]
            [instances.a]
            start_command = "serve --port={port}"
            [instances.b]
            start_command = "serve"
            env = { LISTEN = ":{port}" }
            """);

        Instance(config, "a").Port.Should().Be(9100);
        Instance(config, "a").Command.Should().Equal("serve", "--port=9100");
        Instance(config, "b").Port.Should().Be(9101);
        Instance(config, "b").Environment.Should().Contain("LISTEN", ":9101").And.Contain("PORT", "9101");
    }

    [Fact]
    public void A_command_that_mentions_no_port_gets_none_and_no_PORT_variable()
    {
        var config = Load("""
            [instances.sleeper]
            start_command = "sleep 100"
            """);

        var sleeper = config.Instances.Single();
        sleeper.Port.Should().BeNull();
        sleeper.Environment.Should().NotContainKey("PORT");
        sleeper.Environment.Should().Contain("SVCMGR_INSTANCE", "sleeper").And.Contain("SVCMGR_TEMPLATE", "");
    }

    [Fact]
    public void A_full_range_is_an_error()
    {
        var error = SingleError("""
            [templates.web]
            start_command = "serve {port}"
            port_range = [8000, 8001]
            [instances.a]
            template = "web"
            [instances.b]
            template = "web"
            [instances.c]
            template = "web"
            """);

        error.Key.Should().Be("templates.web.port_range");
        error.Message.Should().Be("no free port for instance 'c' in 8000-8001: every port there belongs to another instance");
    }

    [Fact]
    public void A_reversed_port_range_is_an_error()
    {
        SingleError("[daemon]\ndefault_port_range = [9000, 8000]\n").Message
            .Should().Be("the first port must not be above the last, got [9000, 8000]");
    }

    [Fact]
    public void Supports_multiple_false_with_two_instances_is_an_error_naming_both()
    {
        var error = SingleError("""
            [templates.db]
            start_command = "sleep 1"
            supports_multiple = false
            [instances.db-1]
            template = "db"
            [instances.db-2]
            template = "db"
            """);

        error.Key.Should().Be("instances.db-2.template");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 7, 12));
        error.Message.Should().Be($"template 'db' has supports_multiple = false, but instances 'db-1' ({ConfigPath}:4:1) and 'db-2' both use it");
    }

    [Fact]
    public void Supports_multiple_false_with_one_instance_is_fine()
    {
        var config = Load("""
            [templates.db]
            start_command = "sleep 1"
            supports_multiple = false
            [instances.db-1]
            template = "db"
            """);

        config.Templates["db"].SupportsMultiple.Should().BeFalse();
        config.Instances.Should().ContainSingle();
    }
}
