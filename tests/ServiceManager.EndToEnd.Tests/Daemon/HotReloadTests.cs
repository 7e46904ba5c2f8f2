using System.Diagnostics;

namespace ServiceManager.EndToEnd.Tests.Daemon;

/// <summary>The config reloaded without a client: SIGHUP, and [daemon] watch_config on a change of the file.</summary>
public sealed class HotReloadTests
{
    private const string One = """
        [instances.one]
        start_command = "sleep 1000"
        auto_start = true
        """;

    private static string OneAndTwo(string daemon = "") => daemon + One + """

        [instances.two]
        start_command = "sleep 1000"
        auto_start = true
        """;

    private static async Task<IReadOnlyList<string>> IdsAsync(DaemonProcess daemon) =>
        [.. (await Instances.ListAsync(daemon)).Select(s => s.Id)];

    private static void Hangup(DaemonProcess daemon) =>
        Process.Start("kill", ["-HUP", daemon.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    [Fact]
    public async Task Sighup_reloads_the_config_and_an_invalid_file_is_logged_and_changes_nothing()
    {
        using var home = new TestHome();
        home.WriteConfig(One);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "one", "running");

        home.WriteConfig(OneAndTwo());
        Hangup(daemon);
        await Instances.WaitForStateAsync(daemon, "two", "running");

        home.WriteConfig(One + "\n[instances.three]\nstart_command = \"sleep 1000\"\nauto_strat = true\n");
        Hangup(daemon);
        await Eventually.TrueAsync(() => File.ReadAllText(daemon.LogFile).Contains("Config reload (SIGHUP) failed", StringComparison.Ordinal),
            "the failed reload in the daemon's log");
        var log = File.ReadAllText(daemon.LogFile);
        log.Should().Contain("services.toml:6:1").And.Contain("auto_strat");
        (await IdsAsync(daemon)).Should().Equal(["one", "two"], "an invalid file changes nothing");
        daemon.Process.HasExited.Should().BeFalse("SIGHUP reloads; it does not end the daemon");
    }

    [Fact]
    public async Task Watch_config_reloads_when_the_file_is_saved_and_an_invalid_save_changes_nothing()
    {
        using var home = new TestHome();
        const string watching = "[daemon]\nwatch_config = true\n\n";
        home.WriteConfig(watching + One);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "one", "running");
        await Eventually.TrueAsync(() => File.ReadAllText(daemon.LogFile).Contains("for changes (watch_config)", StringComparison.Ordinal), "the watch to start");

        // An editor's save: write a temporary file, rename it over the config.
        SaveByRename(home, OneAndTwo(watching));
        await Instances.WaitForStateAsync(daemon, "two", "running");

        SaveByRename(home, watching + "[instances.one]\nstart_command = 12\n");
        await Eventually.TrueAsync(() => File.ReadAllText(daemon.LogFile).Contains("Config reload (the config file changed) failed", StringComparison.Ordinal),
            "the failed reload in the daemon's log");
        (await IdsAsync(daemon)).Should().Equal(["one", "two"], "an invalid file changes nothing");

        SaveByRename(home, watching + One);
        await Eventually.GetAsync(() => IdsAsync(daemon), ids => ids.SequenceEqual(["one"]), "two to be removed by the next good save");
    }

    private static void SaveByRename(TestHome home, string toml)
    {
        var temporary = home.ConfigPath + ".swp";
        File.WriteAllText(temporary, toml);
        File.Move(temporary, home.ConfigPath, overwrite: true);
    }
}
