using System.Globalization;
using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Export;
using ServiceManager.EndToEnd.Tests.Fleet;
using ServiceManager.Protocol;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><c>svcmgr export toml FILE</c> (pm2 save): config and run-time instances in one file that a fresh daemon
/// loads into the same fleet.</summary>
public sealed class ExportTomlTests : IAsyncLifetime
{
    private readonly TestHome _home = new();
    private readonly TestHome _second = new();
    private readonly TempDir _dir = new("svm-toml-");
    private readonly int _base = FreePorts.Block(10);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        InstanceProcesses.KillAll(_home.Path);
        InstanceProcesses.KillAll(_second.Path);
        _dir.Dispose();
        _second.Dispose();
        _home.Dispose();
        return Task.CompletedTask;
    }

    private string Port(int offset) => (_base + offset).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Exported_toml_loads_back_into_the_same_fleet_in_a_fresh_daemon()
    {
        _home.WriteConfig($$"""
            # the config's own text is kept, comments too
            [templates.worker]
            start_command = "sleep 1000"
            default_port = {{_base}}
            port_range = [{{_base}}, {{_base + 9}}]
            restart = "always"
            backoff_initial = "1500ms"
            env = { ROLE = "worker {name}", HOME_COPY = "${HOME}" }

            [instances.fixed]
            template = "worker"
            auto_start = true
            """);
        var adhocDir = Directory.CreateDirectory(Path.Combine(_dir.Path, "ad hoc")).FullName;
        // Beside the config: the config's text is copied as written, so its default working directory stays the same.
        var exported = Path.Combine(_home.Path, "fleet.toml");
        await using (var daemon = await DaemonProcess.StartAsync(_home.Path))
        {
            (await Svcmgr.RunAsync(_home.Path, "create", "--template", "worker", "--start")).ExitCode.Should().Be(0);
            (await Svcmgr.RunAsync(_home.Path, "create", "--template", "worker")).ExitCode.Should().Be(0);
            var adhoc = await Svcmgr.RunAsync(_home.Path, "start", "--name", "adhoc", "--port", Port(8), "--cwd", adhocDir,
                "--env", "QUOTED=a \"b\" $HOME 100% {name} ${X}", "--", "sh", "-c", "echo {port} '${Y}'; exec sleep 1000");
            adhoc.ExitCode.Should().Be(0, adhoc.ToString());
            await Instances.WaitForStateAsync(daemon, "fixed", "running");

            var result = await Svcmgr.RunAsync(_home.Path, "export", "toml", exported);
            result.ExitCode.Should().Be(0, result.ToString());
            result.Stdout.Should().Be($"wrote {exported}\n");
            result.Stderr.Should().BeEmpty();
            var elsewhere = await Svcmgr.RunAsync(_home.Path, "export", "toml", _dir.File("elsewhere.toml"));
            elsewhere.Stderr.Should().Contain("is not beside").And.Contain("resolve against its own directory");
        }

        var text = File.ReadAllText(exported);
        text.Should().Contain("# the config's own text is kept, comments too").And.Contain("HOME_COPY = \"${HOME}\"");

        // The definitions: the file alone gives each instance exactly what the first fleet had.
        var before = ExportedFleet.Load(DaemonPaths.Resolve(n => n == "SVCMGR_HOME" ? _home.Path : Environment.GetEnvironmentVariable(n)), ConfigLoader.ProcessEnvironment());
        var after = ConfigLoader.Load(exported, ConfigLoader.ProcessEnvironment());
        after.Instances.Select(i => i.Id).Should().BeEquivalentTo("fixed", "worker-1", "worker-2", "adhoc");
        foreach (var original in before.Instances)
        {
            var loaded = after.Instances.Single(i => i.Id == original.Id);
            loaded.Command.Should().Equal(original.Command, original.Id);
            loaded.Environment.Should().BeEquivalentTo(original.Environment, original.Id);
            loaded.Port.Should().Be(original.Port, original.Id);
            loaded.WorkingDirectory.Should().Be(original.WorkingDirectory, original.Id);
            loaded.Restart.Should().Be(original.Restart, original.Id);
            loaded.Stop.Should().Be(original.Stop, original.Id);
            loaded.Template.Should().Be(original.Template, original.Id);
        }

        after.Instances.Single(i => i.Id == "adhoc").Command.Should().Equal("sh", "-c", $"echo {Port(8)} '${{Y}}'; exec sleep 1000");
        after.Instances.Single(i => i.Id == "adhoc").Environment["QUOTED"].Should().StartWith("a \"b\" $HOME 100% ").And.EndWith(" ${X}");

        // A fresh daemon (its own home, no state) on the file alone runs what ran, and keeps stopped what was stopped.
        await using var second = await DaemonProcess.StartAsync(_second.Path, "--config", exported);
        foreach (var id in new[] { "fixed", "worker-1", "adhoc" }) await Instances.WaitForStateAsync(second, id, "running");
        var list = await Instances.ListAsync(second);
        list.Single(i => i.Id == "worker-2").State.Should().Be("stopped");
        list.ToDictionary(i => i.Id, i => i.Port).Should().BeEquivalentTo(before.Instances.ToDictionary(i => i.Id, i => i.Port));
    }
}
