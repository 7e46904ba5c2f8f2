using System.Text.Json;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><c>svcmgr export compose FILE</c>: read back by a YAML parser field by field, and by <c>docker compose
/// config</c> when Docker's compose plugin is installed (optional: it is not part of CI's machine).</summary>
public sealed class ExportComposeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestHome _home = new();
    private readonly TempDir _dir = new("svm-compose-");

    public void Dispose()
    {
        _dir.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task Export_compose_writes_one_service_per_instance_with_every_field()
    {
        var workingDirectory = Path.Combine(_dir.Path, "dir with space");
        _home.WriteConfig(ExportFixture.Config(workingDirectory, 45124));
        var file = _dir.File("compose.yaml");

        var result = await Svcmgr.RunAsync(_home.Path, "export", "compose", file);

        result.ExitCode.Should().Be(0, result.ToString());
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(file))) yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents.Single().RootNode)["services"];
        services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Should().Equal("db", "nasty");

        var nasty = (YamlMappingNode)services["nasty"];
        // Compose reads $$ as $: what the YAML holds, interpolated, is what svcmgr runs.
        static string Compose(YamlNode node) => ((YamlScalarNode)node).Value!.Replace("$$", "$", StringComparison.Ordinal);
        static IEnumerable<string> List(YamlNode node) => ((YamlSequenceNode)node).Select(Compose);
        ((YamlScalarNode)nasty["image"]).Value.Should().Be("${SVCMGR_IMAGE:-debian:bookworm-slim}", "the one variable left to Compose");
        List(nasty["command"]).Should().Equal("/bin/sh", "-c", ExportFixture.NastyScript);
        Compose(nasty["working_dir"]).Should().Be(workingDirectory);
        var environment = ((YamlMappingNode)nasty["environment"]).Children.ToDictionary(e => Compose(e.Key), e => Compose(e.Value));
        environment.Should().Contain("GREETING", ExportFixture.Greeting).And.Contain("SPACED", "a  b").And.Contain("SVCMGR_INSTANCE", "nasty");
        Compose(nasty["restart"]).Should().Be("no");
        Compose(nasty["stop_signal"]).Should().Be("SIGTERM");
        Compose(nasty["stop_grace_period"]).Should().Be("10000ms");
        Compose(nasty["mem_limit"]).Should().Be((64L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compose(((YamlMappingNode)((YamlMappingNode)nasty["depends_on"])["db"])["condition"]).Should().Be("service_healthy", "db has a health check");
        nasty.Children.Should().NotContainKey(new YamlScalarNode("ports"));

        var db = (YamlMappingNode)services["db"];
        List(db["command"]).Should().Equal("sleep", "1000");
        List(db["ports"]).Should().Equal("45124:45124");
        Compose(db["restart"]).Should().Be("always");
        Compose(db["stop_signal"]).Should().Be("SIGINT");
        Compose(db["stop_grace_period"]).Should().Be("7000ms");
        var health = (YamlMappingNode)db["healthcheck"];
        List(health["test"]).Should().Equal("CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/45124");
        Compose(health["interval"]).Should().Be("2000ms");
        Compose(health["timeout"]).Should().Be("5000ms");
        Compose(health["retries"]).Should().Be("3");

        await CheckWithDockerComposeAsync(file, workingDirectory);
    }

    /// <summary>Compose's own reading of the file: interpolation undone, the command word for word.</summary>
    private async Task CheckWithDockerComposeAsync(string file, string workingDirectory)
    {
        if (ExternalTool.Find("docker") is not { } docker || (await ExternalTool.RunAsync(docker, ["compose", "version"])).ExitCode != 0)
        {
            output.WriteLine("docker compose is not installed: the check with `docker compose config` was skipped (the YAML checks above ran)");
            return;
        }

        var result = await ExternalTool.RunAsync(docker, ["compose", "-f", file, "config", "--format", "json"], _dir.Path);
        result.ExitCode.Should().Be(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var nasty = document.RootElement.GetProperty("services").GetProperty("nasty");
        nasty.GetProperty("command").EnumerateArray().Select(e => e.GetString()).Should().Equal("/bin/sh", "-c", ExportFixture.NastyScript);
        nasty.GetProperty("working_dir").GetString().Should().Be(workingDirectory);
        nasty.GetProperty("environment").GetProperty("GREETING").GetString().Should().Be(ExportFixture.Greeting);
    }
}
