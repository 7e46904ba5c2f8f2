using System.Text.RegularExpressions;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol.Client;

namespace ServiceManager.EndToEnd.Tests.Daemon;

/// <summary>
/// <c>start</c> and <c>create</c> start the daemon in the background when none answers (pm2's habit); the opt-outs;
/// every other command still exits 2; a daemon that cannot start is reported; two racing CLIs start one daemon.
/// </summary>
public sealed class AutoStartTests : IAsyncLifetime
{
    /// <summary>Auto-start back on (the test harness turns it off).</summary>
    private static readonly Dictionary<string, string?> AutoStart = new() { ["SVCMGR_NO_AUTOSTART"] = null };

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TestHome _home = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The daemons these tests start are nobody's children: stop each, which stops what it runs.
        foreach (var pid in DaemonsOf(_home.Path)) await Processes.TerminateAsync(pid, "a daemon started in the background");
        _home.Dispose();
    }

    private Task<CliResult> Cli(params string[] args) => Svcmgr.RunWithAsync(Timeout, _home.Path, AutoStart, null, args);

    [Fact]
    public async Task Start_of_a_command_with_no_daemon_starts_one_in_the_background_says_so_and_runs_the_command()
    {
        var result = await Cli("start", "--name", "napper", "--", "sleep", "1000");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().StartWith("started napper ");
        result.Stderr.Should().Contain("no daemon is running; starting one in the background").And.Contain(Path.Combine(_home.Path, "daemon.log"));
        var daemon = DaemonsOf(_home.Path).Should().ContainSingle().Subject;
        var stat = ProcStat.Read(daemon)!;
        stat.Session.Should().Be(daemon, "the daemon runs in a session of its own, detached from the terminal and the CLI");
        Directory.GetFiles($"/proc/{daemon}/fd").Select(fd => new FileInfo(fd).LinkTarget).Should()
            .Contain(Path.Combine(_home.Path, "daemon.log"), "its output goes to daemon.log")
            .And.Contain("/dev/null", "its stdin is /dev/null");

        var list = await Svcmgr.RunAsync(_home.Path, "list");
        list.ExitCode.Should().Be(0, "the daemon keeps running after the CLI that started it; " + list);
        TextTable.Parse(list.Stdout).Row("NAME", "napper").Should().Contain("STATE", "running");
        var log = await File.ReadAllTextAsync(Path.Combine(_home.Path, "daemon.log"));
        Regex.Matches(log, "listening on ").Count.Should().Be(1, "each log line is in daemon.log once, though stderr goes there too:\n" + log);
    }

    [Fact]
    public async Task Create_and_the_start_of_a_name_start_the_daemon_too()
    {
        _home.WriteConfig("""
            [templates.worker]
            start_command = "sleep 1000"

            [instances.solo]
            start_command = "sleep 1000"
            """);

        var create = await Cli("create", "--template", "worker", "--start");
        create.ExitCode.Should().Be(0, create.ToString());
        create.Stderr.Should().Contain("starting one in the background");
        create.Stdout.Should().StartWith("created and started worker-1 ");
        foreach (var pid in DaemonsOf(_home.Path)) await Processes.TerminateAsync(pid, "the daemon create started");

        var start = await Cli("start", "solo");
        start.ExitCode.Should().Be(0, start.ToString());
        start.Stdout.Should().Contain("started solo");
        DaemonsOf(_home.Path).Should().ContainSingle();
    }

    [Fact]
    public async Task The_opt_outs_and_every_other_command_exit_2_and_start_nothing()
    {
        var flag = await Cli("start", "--no-daemon-autostart", "--", "sleep", "1000");
        var variable = await Svcmgr.RunWithAsync(Timeout, _home.Path, new Dictionary<string, string?> { ["SVCMGR_NO_AUTOSTART"] = "1" }, null, "create", "--template", "t");
        var list = await Cli("list");
        var stop = await Cli("stop", "all");

        foreach (var result in new[] { flag, variable, list, stop })
        {
            result.ExitCode.Should().Be(2, result.ToString());
            result.Stderr.Should().Contain("svcmgr daemon").And.NotContain("starting one");
        }

        DaemonsOf(_home.Path).Should().BeEmpty();
        File.Exists(Path.Combine(_home.Path, "svcmgr.sock")).Should().BeFalse();
    }

    [Fact]
    public async Task A_daemon_that_exits_at_once_is_reported_with_its_error_and_its_exit_code()
    {
        _home.WriteConfig("""
            [instances.web]
            start_command = "sleep 1000"
            restart = "sometimes"
            """);

        var result = await Cli("start", "--", "sleep", "1000");

        result.ExitCode.Should().Be(3, "the daemon's config is invalid; " + result);
        result.Stderr.Should().MatchRegex($@"(?m){Regex.Escape(_home.ConfigPath)}:3:11: instances\.web\.restart: ");
        DaemonsOf(_home.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_clis_racing_against_no_daemon_start_exactly_one_and_both_succeed()
    {
        var first = Cli("start", "--name", "first", "--", "sleep", "1000");
        var second = Cli("start", "--name", "second", "--", "sleep", "1000");
        var results = await Task.WhenAll(first, second);

        foreach (var result in results) result.ExitCode.Should().Be(0, result.ToString());
        DaemonsOf(_home.Path).Should().ContainSingle("the second CLI found the first one's daemon");
        await using var client = await DaemonClient.ConnectAsync(Path.Combine(_home.Path, "svcmgr.sock"));
        (await client.ListAsync(new())).Select(i => i.Id).Should().BeEquivalentTo(["first", "second"]);
    }

    // The launcher starts the sibling svcmgr-daemon (docs/architecture.md, "Executables"); svcmgr.dll hands over to it.
    private static bool IsSvcmgrDll(string argument) =>
        argument.EndsWith("/svcmgr-daemon.dll", StringComparison.Ordinal) || argument.EndsWith("/svcmgr.dll", StringComparison.Ordinal);

    /// <summary>Live <c>svcmgr daemon</c> processes on <paramref name="home"/>, found in /proc by argv and environment.</summary>
    private static IReadOnlyList<int> DaemonsOf(string home) =>
    [
        .. ProcScan.Pids().Where(pid =>
            ProcScan.Arguments(pid) is { } argv && argv.Contains("daemon") && argv.Any(IsSvcmgrDll)
            && ProcScan.EnvironmentValue(pid, "SVCMGR_HOME") == home && Processes.IsAlive(pid)),
    ];
}
