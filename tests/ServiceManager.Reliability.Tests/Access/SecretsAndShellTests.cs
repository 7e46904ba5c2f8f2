using System.Text.Json;
using ServiceManager.Reliability.Tests.Support;

namespace ServiceManager.Reliability.Tests.Access;

/// <summary>
/// Secrets from env files stay out of daemon.log and out of <c>status</c> unless asked for; no config value runs a
/// shell unless <c>shell = true</c>. (Socket mode 0600 in a 0700 directory and refusal of another uid are proven in
/// the end-to-end Wire tests, SocketProtocolTests and PeerCredentialTests.)
/// </summary>
public sealed class SecretsAndShellTests : DaemonFixture
{
    private const string Secret = "s3cr3t-7f9c2e1a";
    private const string Hostile = "x; touch pwned-by-env; $(touch pwned-by-subst) `touch pwned-by-tick` | tee pwned-by-pipe";

    public override Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(Home.Path, "app.env"), $"export API_TOKEN={Secret}\nDB_PASSWORD=\"{Secret}-db\"\n");
        Home.WriteConfig($$"""
            [instances.app]
            start_command = ["sh", "-c", "echo started; exec sleep 1000"]
            env_file = "app.env"
            env = { MODE = "prod" }
            auto_start = true

            [instances.crashy]
            start_command = ["sh", "-c", "exit 7"]
            env_file = "app.env"
            restart = "never"
            auto_start = true

            [instances.literal]
            # Shell metacharacters in a start_command without shell = true are plain bytes of the arguments (an
            # unquoted one in the string form is a config error: ConfigTests prove that).
            start_command = ["printf", "%s\n", "a;b", "$HOME", "`id`", "$(id)", "|x", ">out", "&bg"]
            working_dir = "{{Home.Path}}"
            auto_start = true

            [instances.expanded]
            # Nor does a value that reaches argv through ${VAR}: it is one argument, whatever it holds.
            start_command = ["printf", "%s\n", "${HOSTILE}"]
            working_dir = "{{Home.Path}}"
            auto_start = true

            [instances.shelled]
            start_command = "echo $((6 * 7)) | tr 4 X"
            shell = true
            auto_start = true
            """);
        Environment.SetEnvironmentVariable("HOSTILE", null);
        return Task.CompletedTask;
    }

    private async Task<DaemonProcess> StartWithHostileEnvAsync()
    {
        // The daemon's environment is where ${HOSTILE} comes from; the daemon inherits the test's, set only meanwhile.
        Environment.SetEnvironmentVariable("HOSTILE", Hostile);
        try
        {
            return await StartDaemonAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOSTILE", null);
        }
    }

    [Fact]
    public async Task Env_file_secrets_never_reach_daemon_log_and_status_hides_env_values_unless_asked()
    {
        var daemon = await StartWithHostileEnvAsync();
        await LogFiles.WaitForAsync(Home, "app", "started");
        await Instances.WaitForAsync(daemon, "crashy", s => s.LastExit is not null, "to exit");
        // Exercise what writes daemon.log: stop, start, restart, a reload that changes the instance, a failed spawn.
        (await CliAsync("restart", "app")).ExitCode.Should().Be(0);
        (await CliAsync("stop", "app")).ExitCode.Should().Be(0);
        File.WriteAllText(Path.Combine(Home.Path, "app.env"), $"API_TOKEN={Secret}-v2\nDB_PASSWORD={Secret}-db\n");
        (await CliAsync("reload")).ExitCode.Should().Be(0);
        (await CliAsync("start", "app")).ExitCode.Should().Be(0);

        var plain = await CliAsync("status", "app");
        plain.ExitCode.Should().Be(0, plain.ToString());
        plain.Stdout.Should().Contain("API_TOKEN=<hidden>").And.Contain("MODE=<hidden>").And.NotContain(Secret);
        var json = await CliAsync("status", "app", "--json");
        json.Stdout.Should().NotContain(Secret);
        using (var document = JsonDocument.Parse(json.Stdout))
            document.RootElement.GetProperty("environment").GetProperty("API_TOKEN").GetString().Should().Be("<hidden>");

        var shown = await CliAsync("status", "app", "--show-env");
        shown.Stdout.Should().Contain($"API_TOKEN={Secret}-v2").And.Contain($"DB_PASSWORD={Secret}-db").And.Contain("MODE=prod");

        await Daemon.TerminateAsync();
        File.ReadAllText(daemon.LogFile).Should().NotContain(Secret, "daemon.log never holds an env value");
        daemon.Output.Should().NotContain(Secret, "nor does the daemon's stderr");
    }

    [Fact]
    public async Task No_config_value_runs_a_shell_unless_shell_is_true()
    {
        await StartWithHostileEnvAsync();
        await LogFiles.WaitForAsync(Home, "literal", "&bg");
        await LogFiles.WaitForAsync(Home, "expanded", "pwned-by-pipe");
        await LogFiles.WaitForAsync(Home, "shelled", "X2");

        var literal = Lines(LogFiles.Read(Home, "literal"));
        literal.Should().ContainInOrder("a;b", "$HOME", "`id`", "$(id)", "|x", ">out", "&bg");
        Lines(LogFiles.Read(Home, "expanded")).Should().Contain(Hostile, "one argument, exactly as the variable held it");
        Directory.GetFiles(Home.Path, "pwned-*").Should().BeEmpty("nothing was run by a shell");
        File.Exists(Path.Combine(Home.Path, "out")).Should().BeFalse("'>out' was an argument, not a redirection");
        var status = await Instances.StatusAsync(Daemon, "literal");
        status.Command[0].Should().Be("printf", "the program run is printf itself, not /bin/sh");
        (await Instances.StatusAsync(Daemon, "shelled")).Command.Take(2).Should().Equal("/bin/sh", "-c");
    }

    private static List<string> Lines(string log) =>
        [.. log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(" out ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(" out ", StringComparison.Ordinal) + 5)..])];
}
