
namespace ServiceManager.EndToEnd.Tests.Diagnostics;

/// <summary><c>svcmgr signal NAME SIG</c> reaches the instance's process group; its errors have the spec's exit codes.</summary>
public sealed class SignalCommandTests
{
    // The loop waits on a background sleep so the trap runs at once; the group signal ends that sleep too.
    private const string Config = """
        [instances.trap]
        start_command = ["sh", "-c", "trap 'echo got > usr1.txt' USR1; echo ready; while :; do sleep 1 & wait $!; done"]
        auto_start = true
        """;

    [Fact]
    public async Task Signal_reaches_a_child_that_traps_it()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var pid = await Instances.RunningPidAsync(daemon, "trap");
        await LogFiles.WaitForAsync(home, "trap", "ready");

        var result = await Svcmgr.RunAsync(home.Path, "signal", "trap", "SIGUSR1");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("sent SIGUSR1 to trap");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(home.Path, "usr1.txt")), "the trap to write usr1.txt");
        (await Instances.GetAsync(daemon, "trap")).Pid.Should().Be(pid, "a trapped signal does not end the child");
    }

    [Fact]
    public async Task Unknown_instance_bad_signal_and_stopped_instance_are_refused()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.RunningPidAsync(daemon, "trap");

        var unknown = await Svcmgr.RunAsync(home.Path, "signal", "nosuch", "HUP");
        unknown.ExitCode.Should().Be(4, unknown.ToString());
        unknown.Stderr.Should().Contain("no such instance 'nosuch'");

        var badSignal = await Svcmgr.RunAsync(home.Path, "signal", "trap", "SIGNOPE");
        badSignal.ExitCode.Should().Be(64, badSignal.ToString());
        badSignal.Stderr.Should().Contain("unknown signal 'SIGNOPE'");

        (await Svcmgr.RunAsync(home.Path, "stop", "trap")).ExitCode.Should().Be(0);
        var stopped = await Svcmgr.RunAsync(home.Path, "signal", "trap", "10");
        stopped.ExitCode.Should().Be(1, stopped.ToString());
        stopped.Stderr.Should().Contain("trap is not running");
    }
}
