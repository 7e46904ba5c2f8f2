
namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary>
/// <c>env_file</c> is read at every start and restart, as systemd reads <c>EnvironmentFile=</c>: an edited value reaches
/// the next run, a removed key is gone from it, and a file that became unreadable fails that start with its reason.
/// </summary>
public sealed class EnvFileRestartTests
{
    private const string Config = """
        [instances.envy]
        start_command = ["sh", "-c", 'echo "run FOO=$FOO BAR=$${BAR-unset} TABLE=$TABLE"; exec sleep 1000']
        env_file = "envy.env"
        env = { TABLE = "t" }
        """;

    [Fact]
    public async Task Restart_reads_the_env_file_again_and_a_removed_key_is_gone()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        var envFile = Path.Combine(home.Path, "envy.env");
        await File.WriteAllTextAsync(envFile, "FOO=one\nBAR=x\nTABLE=from-file\n");
        await using var daemon = await DaemonProcess.StartAsync(home.Path);

        (await Svcmgr.RunAsync(home.Path, "start", "envy")).ExitCode.Should().Be(0);
        await LogFiles.WaitForAsync(home, "envy", "run FOO=one BAR=x TABLE=t");

        await File.WriteAllTextAsync(envFile, "FOO=two\n");
        var restart = await Svcmgr.RunAsync(home.Path, "restart", "envy");
        restart.ExitCode.Should().Be(0, restart.ToString());
        await LogFiles.WaitForAsync(home, "envy", "run FOO=two BAR=unset TABLE=t");

        var status = await Svcmgr.RunAsync(home.Path, "status", "envy", "--show-env");
        status.Stdout.Should().Contain("\n  FOO=two").And.NotContain("\n  BAR=", "status shows what the next start gets");
    }

    [Fact]
    public async Task A_start_with_a_malformed_env_file_fails_with_the_reason_and_the_next_fixed_start_runs()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        var envFile = Path.Combine(home.Path, "envy.env");
        await File.WriteAllTextAsync(envFile, "FOO=one\n");
        await using var daemon = await DaemonProcess.StartAsync(home.Path);

        await File.WriteAllTextAsync(envFile, "FOO=one\nthis line has no equals sign\n");
        var start = await Svcmgr.RunAsync(home.Path, "start", "envy");
        start.ExitCode.Should().Be(1, start.ToString());
        (start.Stdout + start.Stderr).Should().Contain("envy.env:2");
        (await Instances.GetAsync(daemon, "envy")).State.Should().Be("failed");

        await File.WriteAllTextAsync(envFile, "FOO=fixed\n");
        (await Svcmgr.RunAsync(home.Path, "start", "envy")).ExitCode.Should().Be(0);
        await LogFiles.WaitForAsync(home, "envy", "run FOO=fixed");
    }
}
