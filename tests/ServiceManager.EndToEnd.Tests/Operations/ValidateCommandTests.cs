using System.Text.Json;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><c>svcmgr validate</c>: the config check with no daemon anywhere (no socket in the test's home).</summary>
public sealed class ValidateCommandTests
{
    // Three errors on three lines: a misspelt key, an unknown template, a port of the wrong type.
    private const string Broken = """
        [templates.web]
        start_comand = "python3 -m http.server {port}"

        [instances.a]
        template = "wbe"
        port = "8080"
        """;

    private const string Good = """
        [templates.web]
        start_command = "python3 -m http.server {port}"
        default_port = 8080

        [instances.web-1]
        template = "web"

        [instances.web-2]
        template = "web"

        [instances.clock]
        start_command = "sleep 1000"
        """;

    [Fact]
    public async Task Every_error_is_reported_at_once_with_file_line_column_and_key_and_exit_3()
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("services.toml", Broken);

        var result = await Svcmgr.RunAsync(home.Path, "validate", file);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain($"{file}:2:1: templates.web.start_comand: unknown key (did you mean 'start_command'?)", result.ToString())
            .And.Contain($"{file}:5:12: instances.a.template: unknown template 'wbe'")
            .And.Contain($"{file}:6:8: instances.a.port: expected an integer");
        File.Exists(Path.Combine(home.Path, "svcmgr.sock")).Should().BeFalse("validate needs no daemon and starts none");
    }

    [Fact]
    public async Task Json_lists_each_error_with_its_position_key_and_kind()
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("services.toml", Broken);

        var result = await Svcmgr.RunAsync(home.Path, "validate", file, "--json");

        result.ExitCode.Should().Be(3, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("valid").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("file").GetString().Should().Be(file);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), e.GetProperty("key").GetString(), e.GetProperty("kind").GetString()))
            .ToList();
        errors.Should().Equal(
            (2, 1, "templates.web.start_comand", "unknown-key"),
            (5, 12, "instances.a.template", "unknown-reference"),
            (6, 8, "instances.a.port", "invalid-value"));
    }

    [Fact]
    public async Task A_valid_file_gets_a_one_line_summary_and_exit_0_in_text_and_json()
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var file = dir.Write("services.toml", Good);

        var text = await Svcmgr.RunAsync(home.Path, "validate", file);
        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Be($"{file}: valid: 3 instances, 1 template, ports 8000, 8080\n", "web-2 cannot have default_port 8080 too: it gets the first of the default range");

        var json = await Svcmgr.RunAsync(home.Path, "validate", file, "--json");
        json.ExitCode.Should().Be(0, json.ToString());
        using var report = JsonDocument.Parse(json.Stdout);
        report.RootElement.GetProperty("valid").GetBoolean().Should().BeTrue();
        report.RootElement.GetProperty("instances").GetInt32().Should().Be(3);
        report.RootElement.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()).Should().Equal(8000, 8080);
        report.RootElement.GetProperty("errors").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Without_FILE_it_checks_the_config_the_daemon_would_load()
    {
        using var home = new TestHome();
        home.WriteConfig(Broken);

        var fromHome = await Svcmgr.RunAsync(home.Path, "validate");
        fromHome.ExitCode.Should().Be(3, fromHome.ToString());
        fromHome.Stderr.Should().Contain(home.ConfigPath + ":2:1:");

        using var dir = new TempDir();
        var other = dir.Write("other.toml", Good);
        var fromOption = await Svcmgr.RunAsync(home.Path, "--config", other, "validate");
        fromOption.ExitCode.Should().Be(0, fromOption.ToString());
        fromOption.Stdout.Should().StartWith(other + ": valid:");
    }

    [Fact]
    public async Task A_file_that_does_not_exist_fails_rather_than_passing_as_empty()
    {
        using var home = new TestHome();
        var missing = Path.Combine(home.Path, "nope.toml");

        var result = await Svcmgr.RunAsync(home.Path, "validate", missing);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain($"{missing}:1:1: no such file");
    }
}
