using ServiceManager.EndToEnd.Tests.Fleet;

namespace ServiceManager.EndToEnd.Tests.Monitoring;

/// <summary>depends_on conditions through a real daemon: each is waited for, and an unmeetable one is shown, never passed.</summary>
public sealed class ReadinessConditionTests
{
    // Each dependency is held at a step of its own until the test creates a file in the config's directory.
    private static string Config(int port) => $$"""
        [instances.db]
        start_command = "sh -c 'until [ -e db-go ]; do sleep 0.05; done; exec python3 -m http.server {port} --bind 127.0.0.1'"
        port = {{port}}
        auto_start = true
        health_endpoint = "tcp://127.0.0.1:{port}"
        health_interval_ms = 100

        [instances.cache]
        start_command = "sh -c 'echo warming up; until [ -e cache-go ]; do sleep 0.05; done; echo cache ready; exec sleep 1000'"
        ready_log_line = "^cache ready$"
        auto_start = true

        [instances.migrate]
        start_command = "sh -c 'until [ -e migrate-code ]; do sleep 0.05; done; code=$(cat migrate-code); rm migrate-code; exit $code'"
        restart = "never"
        auto_start = true

        [instances.seed]
        start_command = "sleep 1000"

        [instances.api]
        start_command = "sleep 1000"
        auto_start = true
        depends_on = [{ name = "db", condition = "healthy" }, { name = "cache", condition = "log_ready" },
                      { name = "migrate", condition = "completed" }, { name = "seed", condition = "started" }]
        """;

    [Fact]
    public async Task Api_waits_for_each_condition_shows_why_and_a_failed_migration_blocks_it_until_a_good_run()
    {
        using var home = new TestHome();
        home.WriteConfig(Config(FreePorts.Block(1)));
        await using var daemon = await DaemonProcess.StartAsync(home.Path);

        var waiting = await Eventually.GetAsync(() => Svcmgr.RunAsync(home.Path, "status", "api"),
            r => r.Stdout.Contains("migrate: running, not completed yet", StringComparison.Ordinal)
                 && r.Stdout.Contains("cache: running, its ready line not printed yet", StringComparison.Ordinal),
            "status api to say why it waits");
        waiting.Stdout.Should().Contain("depends on: db (healthy), cache (log_ready), migrate (completed), seed (started)");
        waiting.Stdout.Should().Contain("waiting for: db: running, not healthy yet");
        waiting.Stdout.Should().Contain("seed: not started");

        File.WriteAllText(Path.Combine(home.Path, "migrate-code"), "1");
        var blocked = await Eventually.GetAsync(() => Svcmgr.RunAsync(home.Path, "status", "api"),
            r => r.Stdout.Contains("migrate: completed with exit 1 — never", StringComparison.Ordinal), "the failed migration to block api");
        blocked.Stdout.Should().MatchRegex(@"state:\s+stopped");
        TextTable.Parse((await Svcmgr.RunAsync(home.Path, "list")).Stdout).Row("NAME", "api")["STATE"].Should().Be("waiting");
        var detail = await Instances.StatusAsync(daemon, "api");
        detail.WaitReasons.Should().ContainSingle(w => w.Name == "migrate").Which.Should().Be(
            new Protocol.Messages.DependencyWaitInfo("migrate", "completed", "completed with exit 1", Never: true));

        File.WriteAllText(Path.Combine(home.Path, "db-go"), "");
        File.WriteAllText(Path.Combine(home.Path, "cache-go"), "");
        (await Svcmgr.RunAsync(home.Path, "start", "seed")).ExitCode.Should().Be(0);
        var onlyMigrate = await Eventually.GetAsync(() => Instances.StatusAsync(daemon, "api"),
            d => d.WaitingFor is ["migrate"], "db, cache and seed to be ready");
        onlyMigrate.State.Should().Be("stopped", "a failed completion is never taken for a good one");

        File.WriteAllText(Path.Combine(home.Path, "migrate-code"), "0");
        (await Svcmgr.RunAsync(home.Path, "start", "migrate")).ExitCode.Should().Be(0);
        await Instances.WaitForStateAsync(daemon, "api", "running");
        var api = await Instances.StatusAsync(daemon, "api");
        var migrate = await Instances.StatusAsync(daemon, "migrate");
        api.WaitingFor.Should().BeEmpty();
        migrate.LastExit!.Code.Should().Be(0);
        api.Transitions.Last(t => t.To == "running").At.Should().BeOnOrAfter(migrate.LastExit.At);
    }
}
