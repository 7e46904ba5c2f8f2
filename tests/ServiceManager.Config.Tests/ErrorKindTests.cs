using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

/// <summary>Every error carries a <see cref="ConfigErrorKind"/>, so callers never sort errors by their wording.</summary>
public sealed class ErrorKindTests : ConfigTestBase
{
    [Theory]
    [InlineData("[instances.a\nstart_command = \"sleep 1\"", ConfigErrorKind.Syntax)]
    [InlineData("[instances.a]\nstart_command = \"sleep 1\"\ncolour = \"blue\"", ConfigErrorKind.UnknownKey)]
    [InlineData("[instances.a]\nport = 8000", ConfigErrorKind.MissingKey)]
    [InlineData("[instances.a]\nstart_command = \"sleep 1\"\nport = 70000", ConfigErrorKind.InvalidValue)]
    [InlineData("[instances.a]\nstart_command = \"sleep 1\"\nrestart = \"sometimes\"", ConfigErrorKind.InvalidValue)]
    [InlineData("[instances.a]\ntemplate = \"nope\"", ConfigErrorKind.UnknownReference)]
    [InlineData("[instances.a]\nstart_command = \"sleep 1\"\ndepends_on = [\"ghost\"]", ConfigErrorKind.UnknownReference)]
    [InlineData("[instances.a]\nstart_command = \"sleep 1\"\ndepends_on = [\"a\"]", ConfigErrorKind.DependencyCycle)]
    [InlineData("[instances.a]\nstart_command = \"sleep 1\"\nenv_file = \"/nonexistent/svcmgr.env\"", ConfigErrorKind.Unreadable)]
    [InlineData("[templates.db]\nstart_command = \"sleep 1\"\nsupports_multiple = false\n[instances.a]\ntemplate = \"db\"\n[instances.b]\ntemplate = \"db\"", ConfigErrorKind.SingleInstanceTemplate)]
    [InlineData("[instances.a]\nstart_command = \"sleep 1\"\nport = 8000\n[instances.b]\nstart_command = \"sleep 1\"\nport = 8000", ConfigErrorKind.PortConflict)]
    public void A_config_error_says_what_kind_it_is(string toml, ConfigErrorKind kind) =>
        Errors(toml).Select(e => e.Kind).Should().NotBeEmpty().And.OnlyContain(k => k == kind);

    [Fact]
    public void A_line_of_an_env_file_that_does_not_parse_is_a_syntax_error()
    {
        Dir.Write("app.env", "TOKEN='unterminated\n");

        SingleError("[instances.a]\nstart_command = \"sleep 1\"\nenv_file = \"app.env\"").Kind.Should().Be(ConfigErrorKind.Syntax);
    }

    [Fact]
    public void Run_time_requests_tell_a_taken_id_and_port_from_a_bad_value()
    {
        var config = Load("[templates.web]\nstart_command = \"sleep 1\"\nport_range = [8000, 8001]\n[instances.web-1]\ntemplate = \"web\"\nport = 8000");
        var existing = config.Instances;
        var env = new Dictionary<string, string>();

        ConfigException Refused(Action act) => act.Should().Throw<ConfigException>().Which;

        Refused(() => ConfigLoader.CreateInstance(config, "web", "web-1", null, existing, env)).Errors.Single().Kind.Should().Be(ConfigErrorKind.DuplicateId);
        Refused(() => ConfigLoader.CreateInstance(config, "web", null, 8000, existing, env)).Errors.Single().Kind.Should().Be(ConfigErrorKind.PortConflict);
        Refused(() => ConfigLoader.CreateInstance(config, "web", null, 0, existing, env)).Errors.Single().Kind.Should().Be(ConfigErrorKind.InvalidValue);
        Refused(() => ConfigLoader.CreateAdHoc(config, new AdHocRequest(["sleep", "1"], Dir.Path) { Port = 8000 }, existing, env))
            .Errors.Single().Kind.Should().Be(ConfigErrorKind.PortConflict);
        Refused(() => ConfigLoader.CreateAdHoc(config, new AdHocRequest(["sleep", "1"], Dir.Path) { Name = "web-1" }, existing, env))
            .Errors.Single().Kind.Should().Be(ConfigErrorKind.DuplicateId);
    }
}
