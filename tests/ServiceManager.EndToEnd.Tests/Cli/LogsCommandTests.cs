using System.Text.Json;

namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary><c>logs</c>: backlog, several instances, <c>-f</c>, <c>--json</c>, <c>--stream</c>.</summary>
public sealed class LogsCommandTests
{
    /// <summary>
    /// "counter" prints n1..n10 once the test creates "go" (after the supervisor's own start notes are logged, so the
    /// numbered lines are the last ones); "talker" prints whatever the test puts in "say"; the others print at once.
    /// </summary>
    private const string Config = """
        [instances.counter]
        start_command = ["sh", "-c", 'while [ ! -e go ]; do sleep 0.02; done; i=1; while [ $i -le 10 ]; do echo n$i; i=$((i+1)); done; exec sleep 1000']
        auto_start = true

        [instances.one]
        start_command = ["sh", "-c", 'echo hello-from-one; echo complaint-from-one >&2; exec sleep 1000']
        auto_start = true

        [instances.two]
        start_command = ["sh", "-c", 'echo hello-from-two; exec sleep 1000']
        auto_start = true

        [instances.talker]
        start_command = ["sh", "-c", 'echo ready; while :; do if mv say said 2>/dev/null; then cat said; fi; sleep 0.02; done']
        auto_start = true
        """;

    private static async Task<DaemonProcess> StartAsync(TestHome home)
    {
        home.WriteConfig(Config);
        var daemon = await DaemonProcess.StartAsync(home.Path);
        await LogFiles.WaitForAsync(home, "one", "complaint-from-one");
        await LogFiles.WaitForAsync(home, "two", "hello-from-two");
        return daemon;
    }

    private static string[] Lines(CliResult result) => result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Logs_n_prints_the_last_n_lines_of_an_instance()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        await LogFiles.WaitForAsync(home, "counter", "starting -> running");
        LogFiles.Signal(home, "go");
        await LogFiles.WaitForAsync(home, "counter", "out n10");

        var result = await Svcmgr.RunAsync(home.Path, "logs", "counter", "-n", "3");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = Lines(result);
        lines.Should().HaveCount(3, result.ToString());
        lines.Select(l => l.Split(' ', 3)).Should().OnlyContain(p => p.Length == 3 && p[0].EndsWith('Z') && p[1] == "out");
        lines.Select(l => l.Split(' ', 3)[2]).Should().Equal("n8", "n9", "n10");
    }

    [Fact]
    public async Task Logs_of_several_instances_prefixes_each_line_with_its_instance()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var all = await Svcmgr.RunAsync(home.Path, "logs");
        var two = await Svcmgr.RunAsync(home.Path, "logs", "one", "two");
        var single = await Svcmgr.RunAsync(home.Path, "logs", "one");

        all.ExitCode.Should().Be(0, all.ToString());
        Lines(all).Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(counter|one|two|talker) \| \S+Z (out|err) "));
        Lines(all).Should().Contain(l => l.StartsWith("one | ", StringComparison.Ordinal) && l.EndsWith(" out hello-from-one", StringComparison.Ordinal));
        Lines(all).Should().Contain(l => l.StartsWith("two | ", StringComparison.Ordinal) && l.EndsWith(" out hello-from-two", StringComparison.Ordinal));
        Lines(all).Should().Contain(l => l.StartsWith("talker | ", StringComparison.Ordinal) && l.EndsWith(" out ready", StringComparison.Ordinal));

        two.ExitCode.Should().Be(0, two.ToString());
        Lines(two).Should().OnlyContain(l => l.StartsWith("one | ", StringComparison.Ordinal) || l.StartsWith("two | ", StringComparison.Ordinal));
        Lines(two).Should().Contain(l => l.EndsWith(" out hello-from-two", StringComparison.Ordinal));

        single.ExitCode.Should().Be(0, single.ToString());
        Lines(single).Should().NotBeEmpty().And.OnlyContain(l => !l.Contains(" | ", StringComparison.Ordinal), "one instance needs no prefix");
        Lines(single).Should().Contain(l => l.EndsWith(" out hello-from-one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_follow_prints_lines_written_after_it_started()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        await LogFiles.WaitForAsync(home, "talker", "out ready");
        var token = "said-" + Guid.NewGuid().ToString("N");

        await using (var follow = StreamingCli.Start(home.Path, "logs", "talker", "-f"))
        {
            // The backlog comes with the subscription: once it is printed, later lines are followed.
            await follow.ReadUntilAsync(l => l.EndsWith(" out ready", StringComparison.Ordinal), "the backlog");
            LogFiles.Signal(home, "say", token + "\n");
            var lines = await follow.ReadUntilAsync(l => l.Contains(token, StringComparison.Ordinal), "the line said after it started");
            lines[^1].Should().MatchRegex($@"^\S+Z out {token}$");
            follow.HasExited.Should().BeFalse("-f keeps following");
        }

        await using var client = await daemon.ConnectAsync();
        (await client.PingAsync()).Pid.Should().Be(daemon.Process.Id, "a follower going away does not hurt the daemon");
    }

    [Fact]
    public async Task Logs_json_prints_one_object_per_line()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var result = await Svcmgr.RunAsync(home.Path, "logs", "one", "two", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var objects = Lines(result).Select(l =>
        {
            using var document = JsonDocument.Parse(l);
            return document.RootElement.Clone();
        }).ToList();
        objects.Should().HaveCountGreaterThanOrEqualTo(3);
        objects.Should().OnlyContain(o => o.ValueKind == JsonValueKind.Object);
        foreach (var o in objects)
        {
            o.GetProperty("instance").GetString().Should().BeOneOf("one", "two");
            o.GetProperty("stream").GetString().Should().BeOneOf("stdout", "stderr");
            o.GetProperty("at").GetDateTimeOffset().Offset.Should().Be(TimeSpan.Zero, "timestamps are UTC");
            o.GetProperty("text").ValueKind.Should().Be(JsonValueKind.String);
        }

        objects.Should().Contain(o => o.GetProperty("instance").GetString() == "one"
            && o.GetProperty("stream").GetString() == "stdout" && o.GetProperty("text").GetString() == "hello-from-one");
        objects.Should().Contain(o => o.GetProperty("instance").GetString() == "one"
            && o.GetProperty("stream").GetString() == "stderr" && o.GetProperty("text").GetString() == "complaint-from-one");
    }

    [Fact]
    public async Task Logs_stream_keeps_only_that_stream()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var stderr = await Svcmgr.RunAsync(home.Path, "logs", "one", "--stream", "stderr");
        var stdout = await Svcmgr.RunAsync(home.Path, "logs", "one", "--stream", "stdout");
        var bogus = await Svcmgr.RunAsync(home.Path, "logs", "one", "--stream", "both");

        stderr.ExitCode.Should().Be(0, stderr.ToString());
        Lines(stderr).Should().NotBeEmpty().And.OnlyContain(l => l.Split(' ', 3)[1] == "err");
        Lines(stderr).Should().Contain(l => l.EndsWith(" err complaint-from-one", StringComparison.Ordinal));
        stderr.Stdout.Should().NotContain("hello-from-one");

        stdout.ExitCode.Should().Be(0, stdout.ToString());
        Lines(stdout).Should().Equal(Lines(stdout).Where(l => l.Split(' ', 3)[1] == "out"));
        Lines(stdout).Should().ContainSingle().Which.Should().EndWith(" out hello-from-one");

        bogus.ExitCode.Should().Be(64, bogus.ToString());
    }
}
