using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

/// <summary><c>depends_on</c> entries: bare names and <c>{ name, condition }</c> tables.</summary>
public sealed class DependencyConditionTests : ConfigTestBase
{
    private const string Dependencies = """
        [instances.db]
        start_command = "sleep 1"
        health_endpoint = "tcp://127.0.0.1:5432"
        ready_log_line = "ready to accept connections"
        [instances.migrate]
        start_command = "sleep 1"
        [instances.cache]
        start_command = "sleep 1"

        """;

    [Fact]
    public void Names_and_tables_mix_and_each_keeps_its_condition()
    {
        var config = Load(Dependencies + """
            [instances.api]
            start_command = "sleep 1"
            depends_on = ["cache", { name = "db", condition = "healthy" }, { name = "migrate", condition = "completed" },
                          { name = "db", condition = "log_ready" }, { name = "cache", condition = "started" }, { name = "db" }]
            """);

        Instance(config, "api").DependsOn.Should().Equal(
            new Dependency("cache"),
            new Dependency("db", DependencyCondition.Healthy),
            new Dependency("migrate", DependencyCondition.Completed),
            new Dependency("db", DependencyCondition.LogReady),
            new Dependency("cache", DependencyCondition.Started),
            new Dependency("db", DependencyCondition.Running));
    }

    [Fact]
    public void Process_compose_condition_names_are_understood()
    {
        var config = Load(Dependencies + """
            [instances.api]
            start_command = "sleep 1"
            depends_on = [{ name = "db", condition = "process_healthy" }, { name = "migrate", condition = "process_completed_successfully" },
                          { name = "cache", condition = "process_started" }, { name = "db", condition = "process_log_ready" }]
            """);

        Instance(config, "api").DependsOn.Select(d => d.Condition).Should().Equal(
            DependencyCondition.Healthy, DependencyCondition.Completed, DependencyCondition.Started, DependencyCondition.LogReady);
    }

    [Fact]
    public void An_unknown_condition_names_its_position_and_suggests_one()
    {
        var error = SingleError(Dependencies + """
            [instances.api]
            start_command = "sleep 1"
            depends_on = [{ name = "db", condition = "healthy" }, { name = "migrate", condition = "complete" }]
            """);

        error.Kind.Should().Be(ConfigErrorKind.InvalidValue);
        error.Key.Should().Be("instances.api.depends_on.condition");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 11, 87));
        error.Message.Should().Be("unknown condition \"complete\" (did you mean 'completed'?); expected one of started, healthy, log_ready, completed");
    }

    [Fact]
    public void A_table_needs_a_name_and_takes_no_other_keys()
    {
        var errors = Errors(Dependencies + """
            [instances.api]
            start_command = "sleep 1"
            depends_on = [{ condition = "healthy" }, { name = "db", conditon = "healthy" }]
            """);

        errors.Select(e => (e.Kind, e.Key, e.Message)).Should().BeEquivalentTo(new[]
        {
            (ConfigErrorKind.MissingKey, "instances.api.depends_on.name", "a dependency table needs name = \"ID\""),
            (ConfigErrorKind.UnknownKey, "instances.api.depends_on.conditon", "unknown key (did you mean 'condition'?); a dependency is { name = \"ID\", condition = \"...\" }"),
        });
    }

    [Theory]
    [InlineData("healthy", "cache", "condition healthy on 'cache' can never be met: 'cache' has no health_endpoint")]
    [InlineData("log_ready", "migrate", "condition log_ready on 'migrate' can never be met: 'migrate' has no ready_log_line")]
    public void A_condition_the_dependency_cannot_give_is_an_error(string condition, string name, string message)
    {
        var error = SingleError(Dependencies + $$"""
            [instances.api]
            start_command = "sleep 1"
            depends_on = [{ name = "{{name}}", condition = "{{condition}}" }]
            """);

        error.Key.Should().Be("instances.api.depends_on");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 11, 15));
        error.Message.Should().Be(message);
    }

    [Fact]
    public void Completed_on_an_instance_that_always_restarts_is_an_error()
    {
        var error = SingleError("""
            [templates.loop]
            start_command = "sleep 1"
            restart = "always"
            [instances.migrate]
            template = "loop"
            [instances.api]
            start_command = "sleep 1"
            depends_on = [{ name = "migrate", condition = "completed" }]
            """);

        error.Message.Should().Be("condition completed on 'migrate' can never be met: 'migrate' has restart = \"always\", so it is started again whenever it ends");
    }

    [Fact]
    public void Cycles_and_unknown_names_are_found_through_tables_too()
    {
        var errors = Errors("""
            [instances.a]
            start_command = "sleep 1"
            depends_on = [{ name = "b", condition = "started" }, { name = "ghost" }]
            [instances.b]
            start_command = "sleep 1"
            depends_on = [{ name = "a", condition = "started" }]
            """);

        errors.Select(e => e.Message).Should().BeEquivalentTo("unknown instance 'ghost'", "dependency cycle: a -> b -> a");
    }
}
