
namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary><c>reload</c>: the difference is applied and reported; an invalid file changes nothing.</summary>
public sealed class ReloadTests
{
    private const string Initial = """
        [instances.keep]
        start_command = "sleep 1000"
        auto_start = true

        [instances.change]
        start_command = "sleep 1000"
        auto_start = true

        [instances.drop]
        start_command = ["sh", "-c", 'sleep 1000 & echo $! > drop.gpid; wait']
        auto_start = true
        """;

    private static async Task<(DaemonProcess Daemon, Dictionary<string, int> Pids)> StartAsync(TestHome home)
    {
        home.WriteConfig(Initial);
        var daemon = await DaemonProcess.StartAsync(home.Path);
        var pids = new Dictionary<string, int>();
        foreach (var id in new[] { "keep", "change", "drop" }) pids[id] = await Instances.RunningPidAsync(daemon, id);
        return (daemon, pids);
    }

    [Fact]
    public async Task Reload_prints_added_removed_changed_unchanged_and_applies_each()
    {
        using var home = new TestHome();
        var (daemon, pids) = await StartAsync(home);
        await using var _ = daemon;
        var dropGrandchild = await Processes.ReadPidFileAsync(Path.Combine(home.Path, "drop.gpid"));
        home.WriteConfig("""
            [instances.keep]
            start_command = "sleep 1000"
            auto_start = true

            [instances.change]
            start_command = "sleep 1001"
            auto_start = true

            [instances.fresh]
            start_command = "sleep 1000"
            auto_start = true
            """);

        var result = await Svcmgr.RunAsync(home.Path, "reload");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().MatchRegex(@"(?m)^added:\s+fresh$")
            .And.MatchRegex(@"(?m)^removed:\s+drop$")
            .And.MatchRegex(@"(?m)^changed:\s+change$")
            .And.MatchRegex(@"(?m)^unchanged:\s+keep$");

        var list = await Instances.ListAsync(daemon);
        list.Select(s => s.Id).Should().BeEquivalentTo("keep", "change", "fresh");
        await Processes.AllGoneAsync([pids["drop"], dropGrandchild], "the removed instance's processes");
        (await Instances.GetAsync(daemon, "keep")).Pid.Should().Be(pids["keep"], "an unchanged instance is untouched");
        var changed = await Instances.RunningPidAsync(daemon, "change");
        changed.Should().NotBe(pids["change"], "a changed instance restarts");
        File.ReadAllText($"/proc/{changed}/cmdline").Should().Be("sleep\u00001001\u0000", "it runs the new definition");
        Processes.IsAlive(pids["change"]).Should().BeFalse();
        Processes.IsAlive(await Instances.RunningPidAsync(daemon, "fresh")).Should().BeTrue("an added auto_start instance starts");
    }

    [Fact]
    public async Task Reload_of_a_file_with_a_syntax_error_exits_3_with_its_location_and_changes_nothing()
    {
        using var home = new TestHome();
        var (daemon, pids) = await StartAsync(home);
        await using var _ = daemon;
        home.WriteConfig("""
            [instances.keep]
            start_command = "sleep 1000"
            auto_start = true

            [instances.extra
            start_command = "sleep 1000"
            """);

        var result = await Svcmgr.RunAsync(home.Path, "reload");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().MatchRegex($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(home.ConfigPath)}:5:[0-9]+: TOML syntax");
        await AssertUnchangedAsync(daemon, pids);
    }

    [Fact]
    public async Task Reload_of_a_file_with_an_unknown_key_exits_3_naming_file_line_column_and_key_and_changes_nothing()
    {
        using var home = new TestHome();
        var (daemon, pids) = await StartAsync(home);
        await using var _ = daemon;
        // Valid TOML, and every other change in it (a new instance, a removed one, a changed one) must not apply.
        home.WriteConfig("""
            [instances.keep]
            start_command = "sleep 1000"
            auto_start = true

            [instances.change]
            start_command = "sleep 1001"
            restrat = "always"
            auto_start = true

            [instances.extra]
            start_command = "sleep 1000"
            auto_start = true
            """);

        var result = await Svcmgr.RunAsync(home.Path, "reload");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain($"{home.ConfigPath}:7:1: instances.change.restrat: unknown key");
        result.Stderr.Should().Contain("did you mean 'restart'");
        await AssertUnchangedAsync(daemon, pids);
    }

    /// <summary>What a crashed editor or a bad copy leaves: random bytes (NULs, invalid UTF-8) or the file cut mid-value.</summary>
    [Theory]
    [InlineData("binary")]
    [InlineData("cut")]
    public async Task Reload_of_a_file_replaced_by_garbage_exits_3_and_changes_nothing(string garbage)
    {
        using var home = new TestHome();
        var (daemon, pids) = await StartAsync(home);
        await using var _ = daemon;
        if (garbage == "binary")
        {
            var bytes = new byte[4096];
            new Random(6).NextBytes(bytes);
            await File.WriteAllBytesAsync(home.ConfigPath, bytes);
        }
        else
        {
            home.WriteConfig(Initial[..(Initial.IndexOf("sleep 1000", StringComparison.Ordinal) + 5)]);
        }

        var result = await Svcmgr.RunAsync(home.Path, "reload");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain(home.ConfigPath);
        await AssertUnchangedAsync(daemon, pids);
        await using var client = await daemon.ConnectAsync();
        (await client.PingAsync()).Pid.Should().Be(daemon.Process.Id);
    }

    private static async Task AssertUnchangedAsync(DaemonProcess daemon, Dictionary<string, int> pids)
    {
        var list = await Instances.ListAsync(daemon);
        list.Select(s => s.Id).Should().BeEquivalentTo(["keep", "change", "drop"], "an invalid config is never partly applied");
        foreach (var summary in list)
        {
            summary.State.Should().Be("running");
            summary.Pid.Should().Be(pids[summary.Id], $"{summary.Id} was not restarted");
            summary.Restarts.Should().Be(0);
        }

        pids.Values.Should().OnlyContain(pid => Processes.IsAlive(pid));
    }
}
