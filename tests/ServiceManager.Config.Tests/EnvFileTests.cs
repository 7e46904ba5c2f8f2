using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

public sealed class EnvFileTests : ConfigTestBase
{
    private const string Service = """
        [instances.a]
        start_command = "run"
        env_file = "env/dev.env"
        """;

    [Fact]
    public void An_env_file_is_read_relative_to_the_config_directory()
    {
        Dir.Write("env/dev.env", """
            # comment line

            PLAIN=value
            export EXPORTED=yes
            SPACED = padded value   # trailing comment
            SINGLE='$NOT ${EXPANDED} # kept'
            DOUBLE="line1\nline2 \"q\" \${LITERAL} ${PLAIN}"
            FROM_ENV=${SHELL_VALUE}/x
            WITH_DEFAULT=${NOPE:-fallback}
            EMPTY=
            HASH=a#b
            """);

        var config = Load(Service, new Dictionary<string, string> { ["SHELL_VALUE"] = "/bin/zsh" });

        var instance = config.Instances.Single();
        instance.EnvFile.Should().Be(Path.Combine(Dir.Path, "env", "dev.env"));
        instance.Environment.Keys.Should().NotContain("PLAIN", "the file is read again at each start, not copied into the definition");
        instance.EnvFileEntries.ToDictionary(kv => kv.Key, kv => kv.Value).Should().Equal(new Dictionary<string, string>
        {
            ["PLAIN"] = "value",
            ["EXPORTED"] = "yes",
            ["SPACED"] = "padded value",
            ["SINGLE"] = "$NOT ${EXPANDED} # kept",
            ["DOUBLE"] = "line1\nline2 \"q\" ${LITERAL} value",
            ["FROM_ENV"] = "/bin/zsh/x",
            ["WITH_DEFAULT"] = "fallback",
            ["EMPTY"] = "",
            ["HASH"] = "a#b",
        });
    }

    [Fact]
    public void Errors_in_an_env_file_name_the_env_file_and_line()
    {
        var envPath = Dir.Write("env/dev.env", """
            GOOD=1
            no equals sign
            1BAD=2
            QUOTE="unterminated
            UNSET=${NOT_SET_ANYWHERE}
            """);

        var errors = Errors(Service);

        errors.Select(e => e.ToString()).Should().Equal(
            $"{envPath}:2:1: expected KEY=VALUE",
            $"{envPath}:3:1: 1BAD: invalid variable name: use letters, digits and '_', not starting with a digit",
            $"{envPath}:4:7: QUOTE: unterminated double quote",
            $"{envPath}:5:7: UNSET: environment variable NOT_SET_ANYWHERE is not set (write ${{NOT_SET_ANYWHERE:-default}} to give a default)");
    }

    [Fact]
    public void A_missing_env_file_is_an_error_at_the_env_file_key()
    {
        var error = SingleError(Service);

        error.Key.Should().Be("instances.a.env_file");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 3, 12));
        error.Message.Should().Be($"cannot read env file {Path.Combine(Dir.Path, "env", "dev.env")}: no such file");
    }

    [Fact]
    public void The_env_file_stays_apart_from_the_env_table_command_assignments_and_svcmgr_variables()
    {
        Dir.Write("app.env", "A=file\nB=file\nC=file\nPORT=1\nSVCMGR_INSTANCE=spoofed\n");
        var config = Load("""
            [templates.t]
            env_file = "app.env"
            env = { B = "template" }
            start_command = "C=command run {port}"
            [instances.i]
            template = "t"
            port = 7000
            env = { C = "instance-table" }
            """);

        // The precedence at spawn time (file under all of these) is in Supervision.Tests' EnvFileSpawnTests.
        config.Instances.Single().EnvFileEntries.Select(kv => kv.Key).Should().Equal("A", "B", "C", "PORT", "SVCMGR_INSTANCE");
        config.Instances.Single().Environment.Should().Equal(new Dictionary<string, string>
        {
            ["B"] = "template",
            ["C"] = "command",
            ["PORT"] = "7000",
            ["SVCMGR_INSTANCE"] = "i",
            ["SVCMGR_TEMPLATE"] = "t",
        });
    }
}
