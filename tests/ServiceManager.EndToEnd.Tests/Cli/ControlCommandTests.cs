
namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary><c>start</c>, <c>stop</c>, <c>restart</c> by name and with <c>--all</c>, and their usage errors.</summary>
public sealed class ControlCommandTests
{
    private const string Config = """
        [instances.alpha]
        start_command = "sleep 1000"

        [instances.beta]
        start_command = "sleep 1000"
        port = 9411

        [instances.family]
        start_command = ["sh", "-c", 'sleep 1000 & echo $! > family.gpid; wait']
        """;

    private static async Task<DaemonProcess> StartAsync(TestHome home)
    {
        home.WriteConfig(Config);
        return await DaemonProcess.StartAsync(home.Path);
    }

    [Fact]
    public async Task Start_restart_and_stop_by_name_change_only_that_instance()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        (await Instances.ListAsync(daemon)).Should().OnlyContain(s => s.State == "stopped", "nothing is auto_start");

        var start = await Svcmgr.RunAsync(home.Path, "start", "alpha");
        start.ExitCode.Should().Be(0, start.ToString());
        start.Stdout.Should().Contain("started alpha");
        var alpha = await Instances.GetAsync(daemon, "alpha");
        alpha.State.Should().Be("running", "start returns once the child runs");
        var firstPid = alpha.Pid!.Value;
        Processes.IsAlive(firstPid).Should().BeTrue();
        (await Instances.GetAsync(daemon, "beta")).State.Should().Be("stopped");

        var again = await Svcmgr.RunAsync(home.Path, "start", "alpha");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Stdout.Should().Contain("alpha: already running");
        (await Instances.GetAsync(daemon, "alpha")).Pid.Should().Be(firstPid);

        var restart = await Svcmgr.RunAsync(home.Path, "restart", "alpha");
        restart.ExitCode.Should().Be(0, restart.ToString());
        restart.Stdout.Should().Contain("restarted alpha");
        alpha = await Instances.GetAsync(daemon, "alpha");
        alpha.State.Should().Be("running");
        alpha.Pid.Should().NotBe(firstPid);
        alpha.Restarts.Should().Be(1);
        Processes.IsAlive(firstPid).Should().BeFalse("restart stopped the old child before starting a new one");
        var secondPid = alpha.Pid!.Value;

        var stop = await Svcmgr.RunAsync(home.Path, "stop", "alpha");
        stop.ExitCode.Should().Be(0, stop.ToString());
        stop.Stdout.Should().Contain("stopped alpha");
        alpha = await Instances.GetAsync(daemon, "alpha");
        alpha.State.Should().Be("stopped");
        alpha.Pid.Should().BeNull();
        alpha.LastExit!.Signal.Should().Be("SIGTERM");
        Processes.IsAlive(secondPid).Should().BeFalse("stop returns once the child is gone");

        (await Svcmgr.RunAsync(home.Path, "stop", "alpha")).Stdout.Should().Contain("alpha: already stopped");
    }

    [Fact]
    public async Task Numeric_ids_and_ports_name_instances_for_start_and_stop()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        var beta = await Instances.GetAsync(daemon, "beta");

        var start = await Svcmgr.RunAsync(home.Path, "start", beta.NumericId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ExitCode.Should().Be(0, start.ToString());
        (await Instances.GetAsync(daemon, "beta")).State.Should().Be("running");

        var stop = await Svcmgr.RunAsync(home.Path, "stop", ":9411");
        stop.ExitCode.Should().Be(0, stop.ToString());
        (await Instances.GetAsync(daemon, "beta")).State.Should().Be("stopped");
    }

    [Fact]
    public async Task Stop_kills_the_child_and_its_grandchild()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var start = await Svcmgr.RunAsync(home.Path, "start", "family");
        start.ExitCode.Should().Be(0, start.ToString());
        var child = await Instances.RunningPidAsync(daemon, "family");
        var grandchild = await Processes.ReadPidFileAsync(Path.Combine(home.Path, "family.gpid"));
        Processes.IsAlive(grandchild).Should().BeTrue();

        var stop = await Svcmgr.RunAsync(home.Path, "stop", "family");

        stop.ExitCode.Should().Be(0, stop.ToString());
        (await Instances.GetAsync(daemon, "family")).State.Should().Be("stopped");
        Processes.IsAlive(child).Should().BeFalse("the child is gone when stop returns");
        Processes.IsAlive(grandchild).Should().BeFalse("the stop signal goes to the whole process group");
    }

    [Fact]
    public async Task All_starts_restarts_and_stops_every_instance()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var start = await Svcmgr.RunAsync(home.Path, "start", "--all");
        start.ExitCode.Should().Be(0, start.ToString());
        start.Stdout.Should().Contain("started alpha").And.Contain("started beta").And.Contain("started family");
        var before = await Instances.ListAsync(daemon);
        before.Should().OnlyContain(s => s.State == "running" && s.Pid != null);
        var grandchild = await Processes.ReadPidFileAsync(Path.Combine(home.Path, "family.gpid"));
        File.Delete(Path.Combine(home.Path, "family.gpid"));

        var restart = await Svcmgr.RunAsync(home.Path, "restart", "--all");
        restart.ExitCode.Should().Be(0, restart.ToString());
        var after = await Instances.ListAsync(daemon);
        after.Should().OnlyContain(s => s.State == "running" && s.Restarts == 1);
        after.Select(s => s.Pid).Should().NotIntersectWith(before.Select(s => s.Pid));
        Processes.IsAlive(grandchild).Should().BeFalse("restart stopped the old process group");
        var newGrandchild = await Processes.ReadPidFileAsync(Path.Combine(home.Path, "family.gpid"));

        var stop = await Svcmgr.RunAsync(home.Path, "stop", "--all");
        stop.ExitCode.Should().Be(0, stop.ToString());
        (await Instances.ListAsync(daemon)).Should().OnlyContain(s => s.State == "stopped" && s.Pid == null);
        after.Select(s => s.Pid!.Value).Append(newGrandchild).Where(Processes.IsAlive).Should().BeEmpty("stop --all leaves no process behind");
    }

    [Fact]
    public async Task An_unknown_name_exits_4_and_nothing_is_started()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var result = await Svcmgr.RunAsync(home.Path, "start", "alpha", "nosuch");

        result.ExitCode.Should().Be(4, result.ToString());
        result.Stderr.Should().Contain("nosuch");
        (await Instances.ListAsync(daemon)).Should().OnlyContain(s => s.State == "stopped", "one unknown name and nothing is done");
    }

    [Fact]
    public async Task Start_without_names_or_all_and_an_unknown_option_are_usage_errors()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var bare = await Svcmgr.RunAsync(home.Path, "start");
        var both = await Svcmgr.RunAsync(home.Path, "stop", "alpha", "--all");
        var unknown = await Svcmgr.RunAsync(home.Path, "list", "--bogus");

        bare.ExitCode.Should().Be(64, bare.ToString());
        bare.Stderr.Should().Contain("--all");
        both.ExitCode.Should().Be(64, both.ToString());
        unknown.ExitCode.Should().Be(64, unknown.ToString());
        unknown.Stderr.Should().Contain("--bogus");
        (await Instances.ListAsync(daemon)).Should().OnlyContain(s => s.State == "stopped");
    }
}
