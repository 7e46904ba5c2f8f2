using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

public sealed class PlaceholderTests : ConfigTestBase
{
    [Fact]
    public void Placeholders_expand_in_command_working_dir_env_and_health()
    {
        var config = Load("""
            [instances.api]
            port = 9000
            working_dir = "{config}/srv/{name}"
            start_command = "run --port {port} --dir {working_dir} --cfg {config}"
            env = { URL = "http://127.0.0.1:{port}/{name}", DATA = "{working_dir}/data" }
            health_endpoint = "http://127.0.0.1:{port}/health"
            """);

        var api = config.Instances.Single();
        var wd = Path.Combine(Dir.Path, "srv", "api");
        api.WorkingDirectory.Should().Be(wd);
        api.Command.Should().Equal("run", "--port", "9000", "--dir", wd, "--cfg", Dir.Path);
        api.Environment.Should().Contain("URL", "http://127.0.0.1:9000/api").And.Contain("DATA", wd + "/data");
        api.Health!.Endpoint.Should().Be("http://127.0.0.1:9000/health");
    }

    [Fact]
    public void A_relative_working_dir_is_relative_to_the_config_directory()
    {
        var config = Load("[instances.a]\nstart_command = \"x\"\nworking_dir = \"sub/../app\"\n");
        config.Instances.Single().WorkingDirectory.Should().Be(Path.Combine(Dir.Path, "app"));
    }

    [Fact]
    public void Variables_expand_from_the_given_environment_with_defaults()
    {
        var environment = new Dictionary<string, string> { ["ROOT"] = "/opt/app", ["EMPTY"] = "" };
        var config = Load("""
            [instances.a]
            working_dir = "${ROOT}/bin"
            start_command = "run ${MODE:-dev} ${ROOT:-unused} ${EMPTY:-fallback} ${MISSING:-{name}-{config}}"
            env = { HOME_DIR = "${ROOT}" }
            """, environment);

        var a = config.Instances.Single();
        a.WorkingDirectory.Should().Be("/opt/app/bin");
        a.Command.Should().Equal("run", "dev", "/opt/app", "fallback", $"a-{Dir.Path}");
        a.Environment.Should().Contain("HOME_DIR", "/opt/app");
    }

    [Fact]
    public void An_unset_variable_without_default_is_an_error_naming_the_key()
    {
        var error = SingleError("""
            [instances.a]
            start_command = "run"
            env = { TOKEN = "${API_TOKEN}" }
            """);

        error.ToString().Should().Be(
            $"{ConfigPath}:3:17: instances.a.env.TOKEN: environment variable API_TOKEN is not set (write ${{API_TOKEN:-default}} to give a default)");
    }

    [Fact]
    public void An_unknown_placeholder_is_an_error_with_a_suggestion()
    {
        var error = SingleError("[instances.a]\nstart_command = \"run {prot}\"\n");

        error.Key.Should().Be("instances.a.start_command");
        error.Message.Should().StartWith("unknown placeholder {prot} (did you mean 'port'?); known: {port}, {name}, {working_dir}, {config}, {pid}");
    }

    [Fact]
    public void Pid_is_only_available_in_stop_command()
    {
        SingleError("[instances.a]\nstart_command = \"run {pid}\"\n").Message.Should().Be("{pid} is only available in stop_command");
    }

    [Fact]
    public void Working_dir_cannot_refer_to_itself()
    {
        SingleError("[instances.a]\nstart_command = \"run\"\nworking_dir = \"{working_dir}/x\"\n").Message
            .Should().Be("working_dir cannot use {working_dir}");
    }

    [Fact]
    public void Text_that_is_not_a_placeholder_is_left_alone_and_escapes_give_literals()
    {
        var config = Load("""
            [instances.a]
            start_command = "sh -c 'echo $HOME $1 {\"a\": 1} {{name}} $${NOT_EXPANDED}'"
            """);

        config.Instances.Single().Command.Should().Equal("sh", "-c", "echo $HOME $1 {\"a\": 1} {name} ${NOT_EXPANDED}");
    }

    [Fact]
    public void A_malformed_variable_reference_is_an_error()
    {
        SingleError("[instances.a]\nstart_command = \"run ${1}\"\n").Message.Should().StartWith("malformed ${...}");
    }
}
