using System.Globalization;
using System.Text.RegularExpressions;
using ServiceManager.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServiceManager.Reliability.Tests.Faults;

/// <summary>
/// The log directory is a 256 KiB tmpfs that fills up: the service keeps running, its lines still reach
/// <c>svcmgr logs</c>, daemon.log says so once (not once per line), and the file takes lines again when space returns.
/// </summary>
public sealed partial class LogDiskFullTests(ITestOutputHelper output) : DaemonFixture
{
    private bool _mounted;

    public override Task InitializeAsync()
    {
        Home.WriteConfig("""
            [instances.chatty]
            start_command = ["sh", "-c", "i=0; while :; do echo \"line $i\"; i=$((i+1)); sleep 0.01; done"]
            auto_start = true
            """);
        Directory.CreateDirectory(Home.LogsDirectory);
        _mounted = Tmpfs.TryMount(Home.LogsDirectory, 256 * 1024);
        return Task.CompletedTask;
    }

    protected override void AfterDaemonsStopped()
    {
        if (_mounted) Tmpfs.Unmount(Home.LogsDirectory);
    }

    [GeneratedRegex(@"line (\d+)$")]
    private static partial Regex Numbered();

    private static long LastNumber(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Numbered().Match(l)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();

    private async Task<long> LastShownAsync()
    {
        var logs = await CliAsync("logs", "chatty", "-n", "3");
        logs.ExitCode.Should().Be(0, logs.ToString());
        return LastNumber(logs.Stdout);
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [TmpfsFact]
    public async Task A_full_disk_keeps_the_service_running_is_reported_once_and_writing_resumes_when_space_returns()
    {
        _mounted.Should().BeTrue("the tmpfs could be mounted");
        var daemon = await StartDaemonAsync();
        var pid = await Instances.RunningPidAsync(daemon, "chatty");
        await LogFiles.WaitForAsync(Home, "chatty", "line 5");

        // Fill the disk to the last byte.
        var filler = Path.Combine(Home.LogsDirectory, "filler");
        try
        {
            using var stream = File.OpenWrite(filler);
            var block = new byte[4096];
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
        }

        await Eventually.TrueAsync(() => Count(File.ReadAllText(daemon.LogFile), "cannot write the log file of chatty") == 1, "daemon.log to report the full disk");
        var fileEnd = LastNumber(LogFiles.Read(Home, "chatty"));
        var whenReported = await LastShownAsync();
        // Let a few hundred lines go by on the full disk.
        await Eventually.GetAsync(LastShownAsync, n => n >= whenReported + 200, "200 more lines, shown from memory while the disk is full");
        (await Instances.GetAsync(daemon, "chatty")).Pid.Should().Be(pid, "the service kept running, unrestarted");
        var daemonLog = File.ReadAllText(daemon.LogFile);
        Count(daemonLog, "cannot write the log file of chatty").Should().Be(1, "the problem is reported once, not once per line");
        daemonLog.Should().Contain("No space left on device");

        File.Delete(filler);
        await Eventually.TrueAsync(() => File.ReadAllText(daemon.LogFile).Contains("the log file of chatty is written again", StringComparison.Ordinal), "daemon.log to report the recovery");
        var resumedAt = await LastShownAsync();
        await Eventually.TrueAsync(() => LastNumber(LogFiles.Read(Home, "chatty")) > resumedAt, "new lines in the file again");
        var fileText = LogFiles.Read(Home, "chatty");
        var inFile = fileText.Split('\n').Select(l => Numbered().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var firstAfter = inFile.First(n => n > fileEnd);
        output.WriteLine($"lines {fileEnd + 1}..{firstAfter - 1} ({firstAfter - fileEnd - 1} lines) were not written to the full disk; the file resumed at line {firstAfter}");
        fileText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(l => l.Contains(" out line ", StringComparison.Ordinal) || l.Contains(" err [svcmgr] ", StringComparison.Ordinal), "the file holds whole lines only");
        (await Instances.GetAsync(daemon, "chatty")).Pid.Should().Be(pid);
    }
}
