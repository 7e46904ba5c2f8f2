using System.Globalization;
using System.Text.Json;
using ServiceManager.Platform.Unix;
using ServiceManager.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServiceManager.Reliability.Tests.Faults;

/// <summary>
/// <c>kill -9</c> of the daemon while 20 services run, four of them flood their logs and a client follows one: the
/// next daemon runs every service once, leaves no orphan and no zombie of its own, the state file and the logs are
/// whole, and the only lines lost are the ones the dead daemon had not read yet.
/// </summary>
public sealed class DaemonKillTests(ITestOutputHelper output) : DaemonFixture
{
    private const int Services = 20;
    private const int Flooders = 4;

    /// <summary>A pipe holds 64 KiB by default; the daemon may also have read one chunk (at most 64 KiB) that it had
    /// not written when it died, plus the unfinished line it was holding (at most 8 bytes here).</summary>
    private const long LossFloorBytes = 64 * 1024 + 64 * 1024 + 8;

    public override Task InitializeAsync()
    {
        Flooder.WriteScript(Home);
        var config = new System.Text.StringBuilder();
        for (var i = 1; i <= Services; i++)
        {
            var name = i <= Flooders ? $"flood-{i}" : $"quiet-{i}";
            var command = i <= Flooders ? Flooder.Command(name) : """["sh", "-c", "echo up; exec sleep 1000"]""";
            config.Append(CultureInfo.InvariantCulture, $"[instances.{name}]\nstart_command = {command}\nworking_dir = \"{Home.Path}\"\nauto_start = true\n\n");
        }

        Home.WriteConfig(config.ToString());
        return Task.CompletedTask;
    }

    private static IEnumerable<string> Names() =>
        Enumerable.Range(1, Services).Select(i => i <= Flooders ? $"flood-{i}" : $"quiet-{i}");

    [Fact]
    public async Task After_kill_9_mid_flood_the_next_daemon_runs_each_service_once_with_whole_logs_and_only_unread_lines_lost()
    {
        var first = await StartDaemonAsync();
        foreach (var name in Names()) await Instances.WaitForStateAsync(first, name, "running");
        var before = await Instances.ListAsync(first);
        await using var follower = StreamingCli.Start(Home.Path, "logs", "flood-1", "-f", "-n", "0");
        await follower.ReadUntilAsync(_ => true, "a followed line");
        // Keep reading its output, as a terminal would: a CLI blocked on a full stdout could not notice the daemon die.
        var draining = Task.Run(async () =>
        {
            try { await follower.ReadUntilAsync(_ => false, "the end of the stream", TimeSpan.FromMinutes(3)); }
            catch (EndOfStreamException) { }
        });
        // Let every flooder get well going, then kill the daemon in the middle of it.
        await Eventually.TrueAsync(() => Names().Take(Flooders).All(n => File.Exists(LogFiles.PathOf(Home, n)) && new FileInfo(LogFiles.PathOf(Home, n)).Length > 1_000_000), "every flooder to log a megabyte");

        UnixProcess.Signal(first.Process.Id, 9).Should().BeTrue();
        await first.Process.WaitForExitAsync();

        // The follower notices instead of hanging.
        await draining;
        await Eventually.TrueAsync(() => follower.HasExited, "the logs -f client to end when the daemon dies");

        // Each flooder finds its pipe broken, says how many lines it wrote, and exits.
        var lost = new Dictionary<string, (long Sent, long Logged, long LostBytes)>();
        foreach (var name in Names().Take(Flooders))
        {
            var sentPath = Path.Combine(Home.Path, name + ".sent");
            await Eventually.TrueAsync(() => File.Exists(sentPath), $"{name} to notice the broken pipe");
            var sent = long.Parse(File.ReadAllText(sentPath).Trim(), CultureInfo.InvariantCulture);
            var logged = Flooder.LoggedNumbers(Home, name, allowCutTail: true);
            logged.Should().NotBeEmpty();
            // Whole lines, in order, no gap and no repeat: the log is a prefix of what was sent (maybe minus rotated-away files).
            for (var i = 1; i < logged.Count; i++)
                if (logged[i] != logged[i - 1] + 1) Assert.Fail($"{name}: line {logged[i - 1]} is followed by {logged[i]}");
            var next = logged[^1] + 1;
            next.Should().BeLessThanOrEqualTo(sent);
            lost[name] = (sent, next, Flooder.BytesOf(next, sent));
            output.WriteLine($"{name}: sent {sent} lines, logged {next}, lost {sent - next} lines = {lost[name].LostBytes} bytes");
            lost[name].LostBytes.Should().BeLessThanOrEqualTo(LossFloorBytes, $"{name} loses only what sat in its pipe and in the dead daemon's read buffer");
        }

        using (var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Home.Path, "state.json"))))
            state.RootElement.GetProperty("instances").GetArrayLength().Should().Be(Services, "the state file is whole");

        var second = await StartDaemonAsync();
        foreach (var name in Names()) await Instances.WaitForStateAsync(second, name, "running");
        await Processes.AllGoneAsync(before.Select(s => s.Pid!.Value), "the dead daemon's children");
        var after = await Instances.ListAsync(second);
        foreach (var s in after)
            InstanceProcesses.Copies(Home.Path, s.Id).Should().Equal([s.Pid!.Value], $"exactly one copy of {s.Id} runs, the one the daemon knows");
        // No orphan: every process carrying this home belongs to a session the new daemon owns.
        var sessions = after.Select(s => s.Pid!.Value).ToHashSet();
        InstanceProcesses.All(Home.Path).Select(p => ProcStat.Read(p.Pid)?.Session ?? p.Pid).Should().OnlyContain(sid => sessions.Contains(sid));
        await Eventually.TrueAsync(() => ProcessVitals.ZombieChildrenOf(second.Process.Id) == 0, "no zombie among the new daemon's children");
        output.WriteLine($"zombies on the machine (pid 1 here does not reap orphans): {ProcStat.ReadAll().Count(p => p.IsZombie)}");

        // The logs stay readable, through the CLI too, and the new runs append to them.
        var logs = await CliAsync("logs", "flood-1", "-n", "5");
        logs.ExitCode.Should().Be(0, logs.ToString());
        (await CliAsync("stop", "--all")).ExitCode.Should().Be(0);
        // Whole lines throughout, across the join of the two daemons' writes too (a fragment left by the kill would
        // glue the new run's first line onto it).
        foreach (var name in Names().Take(Flooders)) Flooder.LoggedNumbers(Home, name).Should().NotBeEmpty();
    }
}
