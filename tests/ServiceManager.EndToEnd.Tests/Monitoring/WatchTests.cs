namespace ServiceManager.EndToEnd.Tests.Monitoring;

/// <summary>watch through a real daemon and CLI: a saved file restarts the instance and status says which.
/// The debounce itself is tested on a fake clock in WatchTriggersTests.</summary>
public sealed class WatchTests
{
    [Fact]
    public async Task Saving_a_watched_file_restarts_the_instance_with_the_file_in_the_reason()
    {
        using var home = new TestHome();
        Directory.CreateDirectory(Path.Combine(home.Path, "app", "src"));
        home.WriteConfig("""
            [instances.web]
            start_command = "sleep 1000"
            working_dir = "app"
            auto_start = true
            watch = ["src"]
            watch_ignore = ["*.swp"]
            watch_debounce = "200ms"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var pid = await Instances.RunningPidAsync(daemon, "web");
        (await Svcmgr.RunAsync(home.Path, "status", "web")).Stdout.Should().MatchRegex(@"watch:\s+src \(ignoring \*\.swp\)");

        // An editor's save: a swap file, renamed over the original.
        var swap = Path.Combine(home.Path, "app", "src", "main.py.swp");
        File.WriteAllText(swap, "print('v2')");
        File.Move(swap, Path.Combine(home.Path, "app", "src", "main.py"));

        var detail = await Eventually.GetAsync(() => Instances.StatusAsync(daemon, "web"),
            d => d.State == "running" && d.Pid != pid, "web to be restarted by the change");
        detail.Transitions.Should().Contain(t => t.To == "stopping" && t.Reason.StartsWith("watch: src/main.py changed", StringComparison.Ordinal));
        detail.Watch.Should().BeEquivalentTo(new Protocol.Messages.WatchInfo(["src"], ["*.swp"], 200));
    }
}
