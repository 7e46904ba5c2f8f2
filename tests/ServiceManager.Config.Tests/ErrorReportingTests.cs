using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

public sealed class ErrorReportingTests : ConfigTestBase
{
    [Fact]
    public void An_unknown_key_names_file_line_column_and_key_with_a_suggestion()
    {
        var error = SingleError("""
            [templates.web]
            start_command = "sleep 100"

            restrat = "always"
            """);

        error.Location.Should().Be(new SourceLocation(ConfigPath, 4, 1));
        error.Key.Should().Be("templates.web.restrat");
        error.ToString().Should().Be($"{ConfigPath}:4:1: templates.web.restrat: unknown key (did you mean 'restart'?)");
    }

    [Fact]
    public void An_unknown_key_far_from_any_known_one_gets_no_suggestion()
    {
        var error = SingleError("""
            [instances.a]
            start_command = "sleep 1"
              colour = "blue"
            """);

        error.Location.Should().Be(new SourceLocation(ConfigPath, 3, 3));
        error.Message.Should().Be("unknown key");
    }

    [Fact]
    public void Unknown_keys_in_daemon_and_at_the_top_level_are_errors_too()
    {
        var errors = Errors("""
            [daemon]
            log_max_sise = "1M"

            [instance.a]
            start_command = "sleep 1"
            """);

        errors.Select(e => e.ToString()).Should().Equal(
            $"{ConfigPath}:2:1: daemon.log_max_sise: unknown key (did you mean 'log_max_size'?)",
            $"{ConfigPath}:4:2: instance: unknown key (did you mean 'instances'?); the top level holds [daemon], [web], [templates.ID] and [instances.ID]");
    }

    [Fact]
    public void Instance_only_keys_in_a_template_say_where_they_belong()
    {
        var errors = Errors("""
            [templates.web]
            start_command = "sleep 1"
            port = 8000
            auto_start = true
            [instances.w]
            template = "web"
            supports_multiple = false
            """);

        errors.Select(e => (e.Key, e.Message)).Should().Equal(
            ("templates.web.port", "only allowed in [instances.*] (a template sets default_port or port_range)"),
            ("templates.web.auto_start", "only allowed in [instances.*]"),
            ("instances.w.supports_multiple", "only allowed in [templates.*]"));
    }

    [Fact]
    public void A_wrong_type_is_reported_at_the_value()
    {
        var error = SingleError("""
            [instances.a]
            start_command = "sleep 1"
            port = "x"
            """);

        error.Location.Should().Be(new SourceLocation(ConfigPath, 3, 8));
        error.Key.Should().Be("instances.a.port");
        error.Message.Should().Be("expected an integer, found a string");
    }

    [Theory]
    [InlineData("auto_start = \"yes\"", "instances.a.auto_start", "expected a boolean (true or false), found a string")]
    [InlineData("tags = \"core\"", "instances.a.tags", "expected an array of strings, found a string")]
    [InlineData("env = [\"A=1\"]", "instances.a.env", "expected a table of strings, e.g. { NAME = \"value\" }, found an array")]
    [InlineData("env = { A = 1 }", "instances.a.env.A", "expected a string, found an integer")]
    [InlineData("port_range = [1, 2, 3]", "instances.a.port_range", "expected an array of two ports, e.g. [8000, 8099], found an array")]
    [InlineData("port = 70000", "instances.a.port", "must be between 1 and 65535, got 70000")]
    [InlineData("port = 0", "instances.a.port", "must be between 1 and 65535, got 0")]
    [InlineData("health_interval_ms = \"10s\"", "instances.a.health_interval_ms", "expected an integer, found a string")]
    [InlineData("restart = \"sometimes\"", "instances.a.restart", "expected one of always, on-failure, never, got \"sometimes\"")]
    [InlineData("restart = \"on_failure\"", "instances.a.restart", "expected one of always, on-failure, never, got \"on_failure\" (did you mean 'on-failure'?)")]
    [InlineData("stop_signal = \"SIGFOO\"", "instances.a.stop_signal", "unknown signal \"SIGFOO\" (expected a name such as SIGTERM, SIGINT, SIGHUP, or a number)")]
    [InlineData("depends_on = [1]", "instances.a.depends_on", "expected an instance id or a { name, condition } table, found an integer in it")]
    public void Type_and_value_errors_name_the_key(string line, string key, string message)
    {
        var error = SingleError($"""
            [instances.a]
            start_command = "sleep 1"
            {line}
            """);

        error.Key.Should().Be(key);
        error.Message.Should().Be(message);
        error.Location.Line.Should().Be(3);
    }

    [Fact]
    public void Every_error_in_the_file_is_reported_at_once_in_file_order()
    {
        var errors = Errors("""
            [templates.web]
            start_comand = "x"
            restart = 3

            [instances.b]
            template = "nope"

            [instances.c]
            start_command = "sleep 1"
            port = "x"
            """);

        errors.Select(e => $"{e.Location.Line}:{e.Key}").Should().Equal(
            "2:templates.web.start_comand",
            "3:templates.web.restart",
            "6:instances.b.template",
            "10:instances.c.port");
        errors[0].Message.Should().Be("unknown key (did you mean 'start_command'?)");
        errors[2].Message.Should().Be("unknown template 'nope'; templates: web");
    }

    [Fact]
    public void The_exception_message_lists_every_error_one_per_line()
    {
        var act = () => Load("""
            [instances.a]
            port = "x"
            tag = []
            """);

        var ex = act.Should().Throw<ConfigException>().Which;
        ex.Message.Split(Environment.NewLine).Should().HaveCount(ex.Errors.Count).And.HaveCount(3);
        ex.Message.Should().Contain($"{ConfigPath}:3:1: instances.a.tag: unknown key (did you mean 'tags'?)");
    }

    [Fact]
    public void A_toml_syntax_error_maps_to_file_line_and_column()
    {
        var errors = Errors("""
            [instances.a]
            start_command = "sleep 1"
            port = = 3
            """);

        errors[0].Location.Should().Be(new SourceLocation(ConfigPath, 3, 8));
        errors[0].Key.Should().BeEmpty();
        errors[0].ToString().Should().StartWith($"{ConfigPath}:3:8: TOML syntax: ");
    }

    [Fact]
    public void A_key_defined_twice_is_a_syntax_error_at_the_second_definition()
    {
        var errors = Errors("""
            [instances.a]
            start_command = "sleep 1"
            start_command = "sleep 2"
            """);

        errors[0].Location.Line.Should().Be(3);
        errors[0].Message.Should().Contain("start_command").And.Contain("already defined");
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web server")]
    public void Ids_outside_the_allowed_alphabet_are_rejected(string id)
    {
        var error = SingleError($"""
            [instances."{id}"]
            start_command = "sleep 1"
            """);

        error.Key.Should().Be($"instances.{id}");
        error.Message.Should().StartWith($"invalid id \"{id}\"");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 1, 12));
    }

    [Fact]
    public void An_id_of_63_characters_is_fine_and_64_is_not()
    {
        var ok = new string('a', 63);
        Load($"[instances.{ok}]\nstart_command = \"sleep 1\"\n").Instances.Single().Id.Should().Be(ok);
        SingleError($"[instances.{ok}b]\nstart_command = \"sleep 1\"\n").Message.Should().StartWith("invalid id");
    }

    [Fact]
    public void Templates_given_as_a_value_instead_of_tables_is_a_type_error()
    {
        SingleError("templates = 3").ToString().Should().Be($"{ConfigPath}:1:13: templates: expected a table of tables ([templates.ID]), found an integer");
    }

    [Fact]
    public void An_instance_without_template_needs_a_start_command()
    {
        var error = SingleError("""
            [instances.a]
            port = 8000
            """);

        error.Key.Should().Be("instances.a.start_command");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 1, 1));
        error.Message.Should().Contain("without a template");
    }

    [Fact]
    public void A_start_command_with_a_type_error_is_not_also_reported_missing()
    {
        var error = SingleError("""
            [instances.a]
            start_command = 5
            """);

        error.Message.Should().StartWith("expected a string or an array");
    }

    [Theory]
    [InlineData("start_command = \"\"", "empty command")]
    [InlineData("start_command = \"   \"", "empty command")]
    [InlineData("start_command = []", "empty command: the array's first element is the program to run")]
    [InlineData("start_command = \"A=1 B=2\"", "empty command: only NAME=value assignments, no program to run")]
    public void An_empty_command_is_an_error(string line, string message)
    {
        var error = SingleError($"[instances.a]\n{line}\n");
        error.Key.Should().Be("instances.a.start_command");
        error.Message.Should().Be(message);
    }

    [Fact]
    public void Depends_on_an_unknown_instance_is_an_error_with_a_suggestion()
    {
        var error = SingleError("""
            [instances.database]
            start_command = "sleep 1"
            [instances.api]
            start_command = "sleep 1"
            depends_on = ["databse"]
            """);

        error.Key.Should().Be("instances.api.depends_on");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 5, 15), "the entry itself, not the array");
        error.Message.Should().Be("unknown instance 'databse' (did you mean 'database'?)");
    }

    [Fact]
    public void A_dependency_cycle_is_an_error()
    {
        var errors = Errors("""
            [instances.a]
            start_command = "sleep 1"
            depends_on = ["b"]
            [instances.b]
            start_command = "sleep 1"
            depends_on = ["a"]
            """);

        errors.Should().ContainSingle().Which.Message.Should().Be("dependency cycle: a -> b -> a");
    }

    [Fact]
    public void An_unknown_template_suggests_the_closest_one()
    {
        var error = SingleError("""
            [templates.worker]
            start_command = "sleep 1"
            [instances.w]
            template = "wroker"
            """);

        error.Location.Should().Be(new SourceLocation(ConfigPath, 4, 12));
        error.Message.Should().Be("unknown template 'wroker' (did you mean 'worker'?); templates: worker");
    }
    [Fact]
    public void An_array_of_instance_tables_is_a_type_error()
    {
        SingleError("[[instances]]\nstart_command = \"x\"\n").ToString()
            .Should().Be($"{ConfigPath}:1:1: instances: expected a table of tables ([instances.ID]), found an array");
    }

    [Fact]
    public void A_bad_template_value_used_by_several_instances_is_reported_once_at_the_template()
    {
        var error = SingleError("""
            [templates.t]
            start_command = "run {prot}"
            [instances.a]
            template = "t"
            [instances.b]
            template = "t"
            """);

        error.Key.Should().Be("templates.t.start_command");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 2, 17));
    }

    [Fact]
    public void Dotted_keys_under_a_section_table_work_like_headers()
    {
        var config = Load("""
            [instances]
            a.start_command = "run"
            a.tags = ["x"]
            """);

        config.Instances.Single().Tags.Should().Equal("x");
        config.Instances.Single().Location.Should().Be(new SourceLocation(ConfigPath, 2, 1));
    }
}
