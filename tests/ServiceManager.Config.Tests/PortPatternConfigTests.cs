using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

/// <summary><c>[[daemon.port_patterns]]</c> in the file.</summary>
public sealed class PortPatternConfigTests : ConfigTestBase
{
    [Fact]
    public void Patterns_load_in_file_order_as_tables_or_inline_tables()
    {
        var config = Load("""
            [[daemon.port_patterns]]
            match = "flask run"
            port = 5050
            arg = "--port {port}"

            [[daemon.port_patterns]]
            match = '^deno run .*server'
            port = 8080
            """);

        config.Daemon.PortPatterns.Should().Equal(
            new PortPattern("flask run", 5050, "--port {port}"),
            new PortPattern("^deno run .*server", 8080, null));

        Load("""
            [daemon]
            port_patterns = [{ match = "bun", port = 3030 }]
            """).Daemon.PortPatterns.Should().Equal(new PortPattern("bun", 3030, null));
    }

    [Fact]
    public void Bad_patterns_are_errors_at_their_key()
    {
        var errors = Errors("""
            [[daemon.port_patterns]]
            match = "^(unclosed"
            port = 5000

            [[daemon.port_patterns]]
            match = "x"
            port = 70000
            arg = "--port"

            [[daemon.port_patterns]]
            mach = "y"
            port = 1
            """);

        errors.Select(e => (e.Location.Line, e.Key)).Should().Equal(
            (2, "daemon.port_patterns[0].match"),
            (7, "daemon.port_patterns[1].port"),
            (8, "daemon.port_patterns[1].arg"),
            (11, "daemon.port_patterns[2].mach"));
        errors[0].Message.Should().StartWith("invalid regular expression");
        errors[2].Message.Should().Contain("{port}");
        errors[3].Message.Should().Contain("did you mean 'match'");
    }

    [Fact]
    public void A_pattern_without_match_or_port_is_an_error()
    {
        SingleError("""
            [[daemon.port_patterns]]
            match = "x"
            """).Message.Should().StartWith("a port pattern needs port");
    }

    [Fact]
    public void No_patterns_means_the_default_settings()
    {
        Load("[daemon]\nlog_max_files = 5\n").Daemon.Should().Be(DaemonSettings.Default);
    }
}
